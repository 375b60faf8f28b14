import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two facts about each schema version kept beside its large columns, so that reading them no longer
 * reads those: what the version list shows of its operations (kind, table, column, summary; the
 * operations carry their SQL), and how many tables its definition has (the `strata_schema_tables`
 * gauge summed every tenant's whole latest definition at each scrape). Existing versions are filled in.
 */
export class SchemaVersionSummaries1795950000000 implements MigrationInterface {
  name = 'SchemaVersionSummaries1795950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE schema_versions ADD COLUMN operation_summaries jsonb, ADD COLUMN table_count integer`);
    await q.query(`
      UPDATE schema_versions v SET
        table_count = jsonb_array_length(v.definition -> 'tables'),
        operation_summaries = (
          SELECT coalesce(jsonb_agg(jsonb_build_object('kind', o -> 'kind', 'summary', o -> 'summary')
                                    || jsonb_strip_nulls(jsonb_build_object('table', o -> 'table', 'column', o -> 'column'))
                                    ORDER BY n), '[]'::jsonb)
            FROM jsonb_array_elements(v.operations) WITH ORDINALITY AS e(o, n))`);
    await q.query(`
      ALTER TABLE schema_versions ALTER COLUMN operation_summaries SET NOT NULL,
                                  ALTER COLUMN table_count SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE schema_versions DROP COLUMN operation_summaries, DROP COLUMN table_count`);
  }
}
