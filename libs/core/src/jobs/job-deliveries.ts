import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The record of what a job has handed out (`public.job_deliveries`), one row per job and
 * recipient. A job that sends to many claims its recipients in the transaction that stages
 * their deliveries, so a retried attempt, or a duplicate one running alongside, skips everyone
 * already served.
 */
@Injectable()
export class JobDeliveries {
  /**
   * Records `recipients` as served by `jobId` and returns those that were not already; the
   * others belong to an earlier (or concurrent) attempt and must be skipped.
   */
  async claim(manager: EntityManager, jobId: string, recipients: string[]): Promise<Set<string>> {
    if (recipients.length === 0) return new Set();
    const rows: Array<{ recipient: string }> = await manager.query(
      `INSERT INTO job_deliveries (job_id, recipient)
       SELECT $1, recipient FROM unnest($2::varchar[]) AS recipient
       ON CONFLICT (job_id, recipient) DO NOTHING
       RETURNING recipient`,
      [jobId, recipients],
    );
    return new Set(rows.map((row) => row.recipient));
  }

  /** Notes the job (a mail, say) that carries the delivery to `recipient`. */
  async link(manager: EntityManager, jobId: string, recipient: string, deliveryJobId: string): Promise<void> {
    await manager.query(`UPDATE job_deliveries SET delivery_job_id = $3 WHERE job_id = $1 AND recipient = $2`, [
      jobId,
      recipient,
      deliveryJobId,
    ]);
  }
}
