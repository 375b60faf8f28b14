/** A mail template: Handlebars sources of the body, as HTML and as plain text (rendered inside the layout). */
export interface MailTemplate {
  html: string;
  text: string;
}
