/** A mail to send through the `mail` queue; rendered from a named template. */
export interface MailMessage {
  to: string | string[];
  subject: string;
  /** Template name, e.g. `welcome`, `bulk`, `daily-report`. */
  template: string;
  context: Record<string, unknown>;
}
