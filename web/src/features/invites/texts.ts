// The Russian texts of the invitations by link, which only these screens use: they come with their code, not with every first
// screen's (i18n/index.ts). Each file here that shows such a text imports this one.
import { addScreenTexts } from '../../i18n';
import invites from '../../i18n/ru/invites.json';

addScreenTexts({ invites });
