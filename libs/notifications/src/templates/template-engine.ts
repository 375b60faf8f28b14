import Handlebars from 'handlebars';

/** Our own Handlebars instance, so helpers registered here cannot clash with anyone else's. */
export const templateEngine = Handlebars.create();

/** Plain text as HTML: escaped, blank lines -> paragraphs, single line breaks -> `<br>`. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => `<p>${templateEngine.Utils.escapeExpression(block).replace(/\n/g, '<br>\n')}</p>`)
    .join('\n');
}

templateEngine.registerHelper(
  'paragraphs',
  (text: unknown) => new templateEngine.SafeString(textToHtml(typeof text === 'string' ? text : String(text ?? ''))),
);
