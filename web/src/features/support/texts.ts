// The Russian texts of «Помощь» and the support desk, which only their screens use (i18n/index.ts).
import { addScreenTexts } from '../../i18n';
import support from '../../i18n/ru/support.json';

addScreenTexts({ support });
