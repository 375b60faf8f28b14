import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a job has already handed out, one row per job and recipient: a retried or duplicated
 * attempt skips the recipients recorded here, so nobody is mailed twice by the same job.
 */
export class JobDeliveries1795850000001 implements MigrationInterface {
  name = 'JobDeliveries1795850000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_deliveries (
        job_id uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        recipient varchar(200) NOT NULL,
        delivery_job_id uuid REFERENCES jobs (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (job_id, recipient)
      )`);
    await q.query(`CREATE INDEX job_deliveries_delivery_job_idx ON job_deliveries (delivery_job_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_deliveries`);
  }
}
