// The Russian texts of reports, moderation and the audit log, which only their screens and dialogs use: they come with
// their code, not with every first screen's (i18n/index.ts). Each file here that shows such a text imports this one.
import { addScreenTexts } from '../../i18n';
import safety from '../../i18n/ru/safety.json';

addScreenTexts({ safety });
