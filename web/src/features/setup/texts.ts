// The Russian texts of the first-run setup, which only these screens use: they come with their code, not with every first
// screen's (i18n/index.ts). Each file here that shows such a text imports this one.
import { addScreenTexts } from '../../i18n';
import setup from '../../i18n/ru/setup.json';

addScreenTexts({ setup });
