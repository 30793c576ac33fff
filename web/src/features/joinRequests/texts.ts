// The Russian texts of joining a school (the request form, its subjects), which only those screens use: they come
// with their code, not with every first screen's (i18n/index.ts). Each file that shows such a text imports this one.
import { addScreenTexts } from '../../i18n';
import join from '../../i18n/ru/join.json';

addScreenTexts({ join });
