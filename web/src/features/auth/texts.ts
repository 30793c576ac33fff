// The Russian texts of signing in and signing up, which only those screens use (the sign-in screen, an invitation,
// the first-run setup): they come with their code, not with every signed-in screen's (i18n/index.ts). Each file that
// shows such a text imports this one.
import { addScreenTexts } from '../../i18n';
import auth from '../../i18n/ru/auth.json';

addScreenTexts({ auth });
