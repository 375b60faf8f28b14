import type { TemplateDelegate } from 'handlebars';
import { MailMessage } from '../mail-message';
import { layoutTemplate } from './layout.template';
import { MailTemplate } from './mail-template';
import { mailTemplate } from './mail-templates';
import { templateEngine } from './template-engine';

export interface RenderedMail {
  to: string[];
  subject: string;
  html: string;
  text: string;
}

interface Compiled {
  html: TemplateDelegate;
  text: TemplateDelegate;
}

const cache = new Map<MailTemplate, Compiled>();

/** Compiled once per template and process; the text part is not HTML-escaped. */
function compiled(template: MailTemplate): Compiled {
  let found = cache.get(template);
  if (!found) {
    found = {
      html: templateEngine.compile(template.html),
      text: templateEngine.compile(template.text, { noEscape: true }),
    };
    cache.set(template, found);
  }
  return found;
}

export function recipients(to: string | string[]): string[] {
  return (Array.isArray(to) ? to : [to]).map((address) => address.trim()).filter((address) => address.length > 0);
}

/** Renders a message's template inside the layout, as HTML and as plain text. */
export function renderMail(message: MailMessage): RenderedMail {
  const body = compiled(mailTemplate(message.template));
  const layout = compiled(layoutTemplate);
  const context = { ...message.context, subject: message.context.subject ?? message.subject };
  return {
    to: recipients(message.to),
    subject: message.subject,
    html: layout.html({ subject: message.subject, body: body.html(context) }),
    text: layout.text({ subject: message.subject, body: body.text(context).trim() }),
  };
}
