// The Russian texts of the documents and videos, which only these screens use: they come with their code, not with every first
// screen's (i18n/index.ts). Each file here that shows such a text imports this one.
import { addScreenTexts } from '../../i18n';
import documents from '../../i18n/ru/documents.json';
import videos from '../../i18n/ru/videos.json';

addScreenTexts({ documents, videos });
