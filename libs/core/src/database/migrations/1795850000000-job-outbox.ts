import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The job outbox: a row per job written in the same transaction as its job row and deleted once
 * Bull has the job, so a job committed by a process that died before dispatching it is still
 * dispatched later, by the worker's outbox sweeper.
 */
export class JobOutbox1795850000000 implements MigrationInterface {
  name = 'JobOutbox1795850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_outbox (
        job_id uuid PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
        options jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX job_outbox_created_at_idx ON job_outbox (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_outbox`);
  }
}
