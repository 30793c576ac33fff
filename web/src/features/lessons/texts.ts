// The Russian texts of the lesson's screens (the call, its settings, the history, attendance), which only they use:
// they come with their code, not with every first screen's (i18n/index.ts). The call's banner and «Главная»'s card keep
// theirs in ru.json. Each file here that shows such a text imports this one.
import { addScreenTexts } from '../../i18n';
import lessons from '../../i18n/ru/lessons.json';

addScreenTexts({ lessons });
