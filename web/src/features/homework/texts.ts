// The Russian texts of homework, which only its screens use: they come with their code, not with every first
// screen's (i18n/index.ts). Each file here that shows such a text imports this one.
import { addScreenTexts } from '../../i18n';
import homework from '../../i18n/ru/homework.json';

addScreenTexts({ homework });
