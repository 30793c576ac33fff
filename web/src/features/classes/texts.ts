// The Russian texts of the classes, which only these screens use: they come with their code, not with every first
// screen's (i18n/index.ts). Each file here that shows such a text imports this one.
import { addScreenTexts } from '../../i18n';
import classes from '../../i18n/ru/classes.json';

addScreenTexts({ classes });
