import { MailMessage } from '@app/notifications';

/** The mail to the user who started an import or export, with its outcome and summary. */
export function importMail(
  job: { table: string; slug: string; actor: { email: string | null } },
  outcome: 'succeeded' | 'failed',
  summary: string,
  kind: 'Import' | 'Export' = 'Import',
): MailMessage {
  const subject = `${kind} into ${job.table} ${outcome}`.replace('Export into', 'Export of');
  return {
    to: job.actor.email as string,
    subject,
    template: 'bulk',
    context: { subject, text: `${kind} of table "${job.table}" in tenant "${job.slug}" ${outcome}.\n\n${summary}` },
  };
}
