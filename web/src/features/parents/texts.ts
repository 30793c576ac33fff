// The Russian texts of PAR-1's screens (class teacher, parents of a class, a parent's invitation): they come with
// their code, not with every first screen's (i18n/index.ts). Each file here that shows such a text imports this one.
import { addScreenTexts } from '../../i18n';
import parents from '../../i18n/ru/parents.json';

addScreenTexts({ parents });
