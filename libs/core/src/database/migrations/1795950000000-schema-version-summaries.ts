import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the version list shows of each version's operations (kind, table, column, summary), kept
 * beside the operations: those carry their SQL, so summarising them per list request read and
 * unpacked every listed version's statements. Existing versions are summarised here.
 */
export class SchemaVersionSummaries1795950000000 implements MigrationInterface {
  name = 'SchemaVersionSummaries1795950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE schema_versions ADD COLUMN operation_summaries jsonb`);
    await q.query(`
      UPDATE schema_versions v SET operation_summaries = (
        SELECT coalesce(jsonb_agg(jsonb_build_object('kind', o -> 'kind', 'summary', o -> 'summary')
                                  || jsonb_strip_nulls(jsonb_build_object('table', o -> 'table', 'column', o -> 'column'))
                                  ORDER BY n), '[]'::jsonb)
          FROM jsonb_array_elements(v.operations) WITH ORDINALITY AS e(o, n))`);
    await q.query(`ALTER TABLE schema_versions ALTER COLUMN operation_summaries SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE schema_versions DROP COLUMN operation_summaries`);
  }
}
