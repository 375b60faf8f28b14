import { bulkTemplate } from './bulk.template';
import { dailyReportTemplate } from './daily-report.template';
import { MailTemplate } from './mail-template';
import { welcomeTemplate } from './welcome.template';

/** Every template a `MailMessage.template` may name. Add one here with its own `<name>.template.ts`. */
export const MAIL_TEMPLATES: Readonly<Record<string, MailTemplate>> = Object.freeze({
  welcome: welcomeTemplate,
  bulk: bulkTemplate,
  'daily-report': dailyReportTemplate,
});

export class UnknownMailTemplateError extends Error {
  constructor(readonly template: string) {
    super(`Unknown mail template "${template}" (known: ${Object.keys(MAIL_TEMPLATES).join(', ')})`);
    this.name = 'UnknownMailTemplateError';
  }
}

export function isMailTemplate(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(MAIL_TEMPLATES, name);
}

export function mailTemplate(name: string): MailTemplate {
  if (!isMailTemplate(name)) throw new UnknownMailTemplateError(name);
  return MAIL_TEMPLATES[name];
}
