// The Russian texts of «Обращения в школу», which only its screens use (i18n/index.ts).
import { addScreenTexts } from '../../i18n';
import appeals from '../../i18n/ru/appeals.json';

addScreenTexts({ appeals });
