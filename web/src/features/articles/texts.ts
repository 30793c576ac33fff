// The Russian texts of the articles, which only these screens use: they come with their code, not with every first
// screen's (i18n/index.ts). Each file here that shows such a text imports this one.
import { addScreenTexts } from '../../i18n';
import articles from '../../i18n/ru/articles.json';

addScreenTexts({ articles });
