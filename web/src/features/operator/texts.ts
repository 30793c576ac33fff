// The Russian texts of the operator's screens, which only these screens use: they come with their code, not with every first
// screen's (i18n/index.ts). Each file here that shows such a text imports this one.
import { addScreenTexts } from '../../i18n';
import operator from '../../i18n/ru/operator.json';

addScreenTexts({ operator });
