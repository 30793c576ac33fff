// The Russian texts of the polls, which only these screens use: they come with their code, not with every first
// screen's (i18n/index.ts). Each file here that shows such a text imports this one.
import { addScreenTexts } from '../../i18n';
import polls from '../../i18n/ru/polls.json';

addScreenTexts({ polls });
