import { MailTemplate } from './mail-template';

/** Context: `subject`, `text` (plain text; escaped into paragraphs for the HTML part). */
export const bulkTemplate: MailTemplate = {
  html: `<h1 style="font-size:20px;">{{subject}}</h1>
{{paragraphs text}}`,
  text: `{{text}}`,
};
