import { ColumnDefinition, SchemaDefinition, TableDefinition } from '../definition/schema-definition';
import { planMigration } from './plan-migration';
import { RetainedItem } from './schema-state';

/** One planner scenario: from, to, what is set aside, and the statements each operation must produce. */
interface PlannerFixture {
  name: string;
  from: SchemaDefinition;
  to: SchemaDefinition;
  retained?: RetainedItem[];
  operations: Array<{ kind: string; up: unknown[]; down: unknown[]; precheck?: RegExp }>;
}

const companies = (columns: ColumnDefinition[] = [], extra: Partial<TableDefinition> = {}): TableDefinition => ({
  id: 't_companies',
  name: 'companies',
  columns,
  ...extra,
});
const contacts = (columns: ColumnDefinition[]): TableDefinition => ({ id: 't_contacts0', name: 'contacts', columns });
const schema = (...tables: TableDefinition[]): SchemaDefinition => ({ tables });
const name: ColumnDefinition = { id: 'c_name000001', name: 'name', type: 'string', required: true };
const score: ColumnDefinition = { id: 'c_score00001', name: 'score', type: 'integer' };
const company: ColumnDefinition = {
  id: 'c_company001',
  name: 'company',
  type: 'reference',
  references: 'companies',
  onDelete: 'setNull',
};
const T = '"tenant_acme"."companies"';
const C = '"tenant_acme"."contacts"';
const asideScore: RetainedItem = {
  kind: 'column',
  id: 'c_score00001',
  tableId: 't_companies',
  asideName: '_dropped_c_score00001',
  column: {
    id: 'c_score00001',
    name: '_dropped_c_score00001',
    type: 'decimal',
    precision: 12,
    scale: 2,
    required: false,
    unique: false,
  },
};

const PLANNER_FIXTURES: PlannerFixture[] = [
  {
    name: 'create table: system columns, constraints inline, unique index, comments, trigger',
    from: schema(),
    to: schema(
      companies(
        [
          name,
          { id: 'c_status0001', name: 'status', type: 'enum', values: ['lead', "it's"], default: 'lead' },
          {
            id: 'c_domain0001',
            name: 'domain',
            type: 'string',
            maxLength: 100,
            unique: true,
            description: 'Web domain',
          },
          { id: 'c_size000001', name: 'size', type: 'decimal', precision: 10, scale: 2, default: -1.5 },
        ],
        { description: 'Firms' },
      ),
    ),
    operations: [
      {
        kind: 'ensureFunctions',
        up: [
          expect.stringContaining('CREATE OR REPLACE FUNCTION "tenant_acme"."_uuid_v7"() RETURNS uuid'),
          expect.stringContaining('CREATE OR REPLACE FUNCTION "tenant_acme"."_touch_updated_at"() RETURNS trigger'),
        ],
        down: [],
      },
      {
        kind: 'createTable',
        up: [
          `CREATE TABLE ${T} (
  "id" uuid NOT NULL DEFAULT "tenant_acme"."_uuid_v7"(),
  "created_at" timestamptz NOT NULL DEFAULT now(),
  "updated_at" timestamptz NOT NULL DEFAULT now(),
  "created_by" uuid,
  "updated_by" uuid,
  "name" varchar(255) NOT NULL,
  "status" text DEFAULT 'lead' CONSTRAINT "c_status0001_check" CHECK ("status" IN ('lead', 'it''s')),
  "domain" varchar(100),
  "size" numeric(10,2) DEFAULT (-1.5),
  CONSTRAINT "t_companies_pkey" PRIMARY KEY ("id")
)`,
          `CREATE UNIQUE INDEX "c_domain0001_key" ON ${T} ("domain")`,
          `COMMENT ON TABLE ${T} IS 'Firms'`,
          `COMMENT ON COLUMN ${T}."domain" IS 'Web domain'`,
          `CREATE TRIGGER "_set_updated_at" BEFORE UPDATE ON ${T} FOR EACH ROW EXECUTE FUNCTION "tenant_acme"."_touch_updated_at"()`,
        ],
        down: [`DROP TABLE ${T}`],
      },
    ],
  },
  {
    name: 'create tables that reference each other: foreign keys and indexes after every table exists',
    from: schema(),
    to: schema(
      contacts([company]),
      companies([], { indexes: [{ id: 'i_created001', columns: ['created_at'], unique: false }] }),
    ),
    operations: [
      { kind: 'ensureFunctions', up: [expect.anything(), expect.anything()], down: [] },
      {
        kind: 'createTable',
        up: expect.arrayContaining([expect.stringContaining(`CREATE TABLE ${C}`)]),
        down: [`DROP TABLE ${C}`],
      },
      {
        kind: 'createTable',
        up: expect.arrayContaining([expect.stringContaining(`CREATE TABLE ${T}`)]),
        down: [`DROP TABLE ${T}`],
      },
      {
        kind: 'addReference',
        up: [
          `ALTER TABLE ${C} ADD CONSTRAINT "c_company001_fkey" FOREIGN KEY ("company") REFERENCES ${T} ("id") ON DELETE SET NULL`,
          `CREATE INDEX "c_company001_idx" ON ${C} ("company")`,
        ],
        down: [`DROP INDEX "tenant_acme"."c_company001_idx"`, `ALTER TABLE ${C} DROP CONSTRAINT "c_company001_fkey"`],
        precheck:
          /NOT EXISTS \(SELECT FROM "tenant_acme"."companies" AS target WHERE target."id" = "tenant_acme"."contacts"."company"\)/,
      },
      {
        kind: 'addIndex',
        up: [`CREATE INDEX "i_created001_idx" ON ${T} ("created_at")`],
        down: [`DROP INDEX "tenant_acme"."i_created001_idx"`],
      },
    ],
  },
  {
    name: 'drop table: its foreign keys go, the table is set aside under its id',
    from: schema(companies([name]), contacts([company])),
    to: schema(companies([name])),
    operations: [
      {
        kind: 'dropReference',
        up: [`DROP INDEX "tenant_acme"."c_company001_idx"`, `ALTER TABLE ${C} DROP CONSTRAINT "c_company001_fkey"`],
        down: [
          `ALTER TABLE ${C} ADD CONSTRAINT "c_company001_fkey" FOREIGN KEY ("company") REFERENCES ${T} ("id") ON DELETE SET NULL`,
          `CREATE INDEX "c_company001_idx" ON ${C} ("company")`,
        ],
      },
      {
        kind: 'dropTable',
        up: [`ALTER TABLE ${C} RENAME TO "_dropped_t_contacts0"`],
        down: [`ALTER TABLE "tenant_acme"."_dropped_t_contacts0" RENAME TO "contacts"`],
      },
    ],
  },
  {
    name: 'restore table: renamed back, its foreign keys added again',
    from: schema(companies([name])),
    to: schema(companies([name]), contacts([company])),
    retained: [
      {
        kind: 'table',
        id: 't_contacts0',
        asideName: '_dropped_t_contacts0',
        table: {
          id: 't_contacts0',
          name: '_dropped_t_contacts0',
          columns: [{ id: 'c_company001', name: 'company', type: 'reference', required: false, unique: false }],
          indexes: [],
        },
      },
    ],
    operations: [
      {
        kind: 'restoreTable',
        up: [`ALTER TABLE "tenant_acme"."_dropped_t_contacts0" RENAME TO "contacts"`],
        down: [`ALTER TABLE ${C} RENAME TO "_dropped_t_contacts0"`],
      },
      {
        kind: 'addReference',
        up: [
          `ALTER TABLE ${C} ADD CONSTRAINT "c_company001_fkey" FOREIGN KEY ("company") REFERENCES ${T} ("id") ON DELETE SET NULL`,
          `CREATE INDEX "c_company001_idx" ON ${C} ("company")`,
        ],
        down: [`DROP INDEX "tenant_acme"."c_company001_idx"`, `ALTER TABLE ${C} DROP CONSTRAINT "c_company001_fkey"`],
        precheck: /NOT EXISTS/,
      },
    ],
  },
  {
    name: 'rename table',
    from: schema(companies([name])),
    to: schema({ ...companies([name]), name: 'firms' }),
    operations: [
      {
        kind: 'renameTable',
        up: [`ALTER TABLE ${T} RENAME TO "firms"`],
        down: [`ALTER TABLE "tenant_acme"."firms" RENAME TO "companies"`],
      },
    ],
  },
  {
    name: 'swap two table names through a transient name',
    from: schema(companies([]), contacts([])),
    to: schema({ ...companies([]), name: 'contacts' }, { ...contacts([]), name: 'companies' }),
    operations: [
      {
        kind: 'renameTable',
        up: [`ALTER TABLE ${C} RENAME TO "_renaming_t_contacts0"`],
        down: [`ALTER TABLE "tenant_acme"."_renaming_t_contacts0" RENAME TO "contacts"`],
      },
      {
        kind: 'renameTable',
        up: [`ALTER TABLE ${T} RENAME TO "contacts"`],
        down: [`ALTER TABLE ${C} RENAME TO "companies"`],
      },
      {
        kind: 'renameTable',
        up: [`ALTER TABLE "tenant_acme"."_renaming_t_contacts0" RENAME TO "companies"`],
        down: [`ALTER TABLE ${T} RENAME TO "_renaming_t_contacts0"`],
      },
    ],
  },
  {
    name: 'add an optional column',
    from: schema(companies([name])),
    to: schema(companies([name, score])),
    operations: [
      {
        kind: 'addColumn',
        up: [`ALTER TABLE ${T} ADD COLUMN "score" integer`],
        down: [`ALTER TABLE ${T} DROP COLUMN "score"`],
      },
    ],
  },
  {
    name: 'add a required unique column with a default and a description',
    from: schema(companies([name])),
    to: schema(
      companies([
        name,
        {
          id: 'c_code000001',
          name: 'code',
          type: 'text',
          required: true,
          unique: true,
          default: 'x',
          description: "Firm's code",
        },
      ]),
    ),
    operations: [
      {
        kind: 'addColumn',
        up: [
          `ALTER TABLE ${T} ADD COLUMN "code" text NOT NULL DEFAULT 'x'`,
          `CREATE UNIQUE INDEX "c_code000001_key" ON ${T} ("code")`,
          `COMMENT ON COLUMN ${T}."code" IS 'Firm''s code'`,
        ],
        down: [`ALTER TABLE ${T} DROP COLUMN "code"`],
        precheck: /WHERE \(SELECT count\(\*\) FROM "tenant_acme"."companies"\) > 1/,
      },
    ],
  },
  {
    name: 'add a required column without a default: refused when the table holds rows',
    from: schema(companies([])),
    to: schema(companies([name])),
    operations: [
      {
        kind: 'addColumn',
        up: [`ALTER TABLE ${T} ADD COLUMN "name" varchar(255) NOT NULL`],
        down: [`ALTER TABLE ${T} DROP COLUMN "name"`],
        precheck:
          /^SELECT count\(\*\) OVER \(\) AS total, "id"::text AS id, NULL::text AS value FROM "tenant_acme"."companies" WHERE TRUE ORDER BY "id" LIMIT 5$/,
      },
    ],
  },
  {
    name: 'drop a column: constraints loosened, then set aside under its id',
    from: schema(companies([name, { ...score, unique: true, default: 7, required: true }])),
    to: schema(companies([name])),
    operations: [
      {
        kind: 'dropUnique',
        up: [`DROP INDEX "tenant_acme"."c_score00001_key"`],
        down: [`CREATE UNIQUE INDEX "c_score00001_key" ON ${T} ("score")`],
      },
      {
        kind: 'dropDefault',
        up: [`ALTER TABLE ${T} ALTER COLUMN "score" DROP DEFAULT`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "score" SET DEFAULT 7`],
      },
      {
        kind: 'dropRequired',
        up: [`ALTER TABLE ${T} ALTER COLUMN "score" DROP NOT NULL`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "score" SET NOT NULL`],
      },
      {
        kind: 'dropColumn',
        up: [`ALTER TABLE ${T} RENAME COLUMN "score" TO "_dropped_c_score00001"`],
        down: [`ALTER TABLE ${T} RENAME COLUMN "_dropped_c_score00001" TO "score"`],
      },
    ],
  },
  {
    name: 'restore a column: renamed back, its type and constraints as the target version has them',
    from: schema(companies([name])),
    to: schema(companies([name, { ...score, required: true }])),
    retained: [asideScore],
    operations: [
      {
        kind: 'restoreColumn',
        up: [`ALTER TABLE ${T} RENAME COLUMN "_dropped_c_score00001" TO "score"`],
        down: [`ALTER TABLE ${T} RENAME COLUMN "score" TO "_dropped_c_score00001"`],
      },
      {
        kind: 'changeType',
        up: [`ALTER TABLE ${T} ALTER COLUMN "score" TYPE integer USING "score"::integer`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "score" TYPE numeric(12,2) USING "score"::numeric(12,2)`],
        precheck: /NOT pg_temp\.strata_converts\("score"::text, 'numeric\(12,2\)', 'integer', false, true\)/,
      },
      {
        kind: 'setRequired',
        up: [`ALTER TABLE ${T} ALTER COLUMN "score" SET NOT NULL`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "score" DROP NOT NULL`],
        precheck: /WHERE "score" IS NULL/,
      },
    ],
  },
  {
    name: 'rename a column',
    from: schema(companies([name])),
    to: schema(companies([{ ...name, name: 'title' }])),
    operations: [
      {
        kind: 'renameColumn',
        up: [`ALTER TABLE ${T} RENAME COLUMN "name" TO "title"`],
        down: [`ALTER TABLE ${T} RENAME COLUMN "title" TO "name"`],
      },
    ],
  },
  {
    name: 'drop a column and give its name to another: the dropped one goes aside first',
    from: schema(companies([name, score])),
    to: schema(companies([{ ...score, name: 'name' }])),
    operations: [
      {
        kind: 'dropRequired',
        up: [`ALTER TABLE ${T} ALTER COLUMN "name" DROP NOT NULL`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "name" SET NOT NULL`],
      },
      {
        kind: 'dropColumn',
        up: [`ALTER TABLE ${T} RENAME COLUMN "name" TO "_dropped_c_name000001"`],
        down: [`ALTER TABLE ${T} RENAME COLUMN "_dropped_c_name000001" TO "name"`],
      },
      {
        kind: 'renameColumn',
        up: [`ALTER TABLE ${T} RENAME COLUMN "score" TO "name"`],
        down: [`ALTER TABLE ${T} RENAME COLUMN "name" TO "score"`],
      },
    ],
  },
  {
    name: 'change type, widening: no precheck',
    from: schema(companies([score])),
    to: schema(companies([{ ...score, type: 'bigint' }])),
    operations: [
      {
        kind: 'changeType',
        up: [`ALTER TABLE ${T} ALTER COLUMN "score" TYPE bigint USING "score"::bigint`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "score" TYPE integer USING "score"::integer`],
      },
    ],
  },
  {
    name: 'change type from text to integer with a default: the default is dropped and set again',
    from: schema(companies([{ ...score, type: 'text', default: '5' }])),
    to: schema(companies([{ ...score, default: 5 }])),
    operations: [
      {
        kind: 'dropDefault',
        up: [`ALTER TABLE ${T} ALTER COLUMN "score" DROP DEFAULT`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "score" SET DEFAULT '5'`],
      },
      {
        kind: 'changeType',
        up: [`ALTER TABLE ${T} ALTER COLUMN "score" TYPE integer USING "score"::integer`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "score" TYPE text USING "score"::text`],
        precheck: /pg_temp\.strata_converts\("score"::text, 'text', 'integer', false, false\)/,
      },
      {
        kind: 'setDefault',
        up: [`ALTER TABLE ${T} ALTER COLUMN "score" SET DEFAULT 5`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "score" DROP DEFAULT`],
      },
    ],
  },
  {
    name: 'change type between families without a direct cast: through text',
    from: schema(companies([{ ...score, type: 'boolean' }])),
    to: schema(companies([{ ...score, type: 'date' }])),
    operations: [
      {
        kind: 'changeType',
        up: [`ALTER TABLE ${T} ALTER COLUMN "score" TYPE date USING "score"::text::date`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "score" TYPE boolean USING "score"::text::boolean`],
        precheck: /strata_converts\("score"::text, 'boolean', 'date', true, false\)/,
      },
    ],
  },
  {
    name: 'narrow a string: the precheck also refuses values that would be cut',
    from: schema(companies([name])),
    to: schema(companies([{ ...name, maxLength: 10 }])),
    operations: [
      {
        kind: 'changeType',
        up: [`ALTER TABLE ${T} ALTER COLUMN "name" TYPE varchar(10) USING "name"::varchar(10)`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "name" TYPE varchar(255) USING "name"::varchar(255)`],
        precheck: /strata_converts\("name"::text, 'varchar\(255\)', 'varchar\(10\)', false, true\)/,
      },
    ],
  },
  {
    name: 'make a column required: refused while NULLs remain',
    from: schema(companies([score])),
    to: schema(companies([{ ...score, required: true }])),
    operations: [
      {
        kind: 'setRequired',
        up: [`ALTER TABLE ${T} ALTER COLUMN "score" SET NOT NULL`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "score" DROP NOT NULL`],
        precheck:
          /^SELECT count\(\*\) OVER \(\) AS total, "id"::text AS id, NULL::text AS value FROM "tenant_acme"."companies" WHERE "score" IS NULL ORDER BY "id" LIMIT 5$/,
      },
    ],
  },
  {
    name: 'make a column required with a default: NULLs are filled first',
    from: schema(companies([score])),
    to: schema(companies([{ ...score, required: true, default: 0 }])),
    operations: [
      {
        kind: 'setDefault',
        up: [`ALTER TABLE ${T} ALTER COLUMN "score" SET DEFAULT 0`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "score" DROP DEFAULT`],
      },
      {
        kind: 'setRequired',
        up: [`UPDATE ${T} SET "score" = 0 WHERE "score" IS NULL`, `ALTER TABLE ${T} ALTER COLUMN "score" SET NOT NULL`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "score" DROP NOT NULL`],
      },
    ],
  },
  {
    name: 'make a column optional',
    from: schema(companies([name])),
    to: schema(companies([{ ...name, required: false }])),
    operations: [
      {
        kind: 'dropRequired',
        up: [`ALTER TABLE ${T} ALTER COLUMN "name" DROP NOT NULL`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "name" SET NOT NULL`],
      },
    ],
  },
  {
    name: 'make a column unique: refused while duplicates remain',
    from: schema(companies([name])),
    to: schema(companies([{ ...name, unique: true }])),
    operations: [
      {
        kind: 'setUnique',
        up: [`CREATE UNIQUE INDEX "c_name000001_key" ON ${T} ("name")`],
        down: [`DROP INDEX "tenant_acme"."c_name000001_key"`],
        precheck:
          /WHERE "name" IN \(SELECT "name" FROM "tenant_acme"."companies" GROUP BY "name" HAVING count\(\*\) > 1\)/,
      },
    ],
  },
  {
    name: 'let a column hold duplicates',
    from: schema(companies([{ ...name, unique: true }])),
    to: schema(companies([name])),
    operations: [
      {
        kind: 'dropUnique',
        up: [`DROP INDEX "tenant_acme"."c_name000001_key"`],
        down: [`CREATE UNIQUE INDEX "c_name000001_key" ON ${T} ("name")`],
      },
    ],
  },
  {
    name: 'change a default; a hostile default stays a literal',
    from: schema(companies([{ ...name, default: 'a' }])),
    to: schema(companies([{ ...name, default: "'); DROP TABLE x; --" }])),
    operations: [
      {
        kind: 'setDefault',
        up: [`ALTER TABLE ${T} ALTER COLUMN "name" SET DEFAULT '''); DROP TABLE x; --'`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "name" SET DEFAULT 'a'`],
      },
    ],
  },
  {
    name: 'drop a default',
    from: schema(companies([{ ...score, default: 3 }])),
    to: schema(companies([score])),
    operations: [
      {
        kind: 'dropDefault',
        up: [`ALTER TABLE ${T} ALTER COLUMN "score" DROP DEFAULT`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "score" SET DEFAULT 3`],
      },
    ],
  },
  {
    name: 'a json default is a jsonb literal',
    from: schema(companies([{ id: 'c_meta000001', name: 'meta', type: 'json' }])),
    to: schema(companies([{ id: 'c_meta000001', name: 'meta', type: 'json', default: { tags: ["o'k"] } }])),
    operations: [
      {
        kind: 'setDefault',
        up: [`ALTER TABLE ${T} ALTER COLUMN "meta" SET DEFAULT '{"tags":["o''k"]}'::jsonb`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "meta" DROP DEFAULT`],
      },
    ],
  },
  {
    name: 'change enum values: the check is replaced, values outside it refuse',
    from: schema(companies([{ id: 'c_status0001', name: 'status', type: 'enum', values: ['a', 'b'] }])),
    to: schema(companies([{ id: 'c_status0001', name: 'status', type: 'enum', values: ['a', 'c'] }])),
    operations: [
      {
        kind: 'setEnumValues',
        up: [
          `ALTER TABLE ${T} DROP CONSTRAINT "c_status0001_check"`,
          `ALTER TABLE ${T} ADD CONSTRAINT "c_status0001_check" CHECK ("status" IN ('a', 'c'))`,
        ],
        down: [
          `ALTER TABLE ${T} DROP CONSTRAINT "c_status0001_check"`,
          `ALTER TABLE ${T} ADD CONSTRAINT "c_status0001_check" CHECK ("status" IN ('a', 'b'))`,
        ],
        precheck: /"status" IS NOT NULL AND "status"::text NOT IN \('a', 'c'\)/,
      },
    ],
  },
  {
    name: 'an enum becomes a string: the check goes, then the type changes',
    from: schema(companies([{ id: 'c_status0001', name: 'status', type: 'enum', values: ['a'] }])),
    to: schema(companies([{ id: 'c_status0001', name: 'status', type: 'string', maxLength: 20 }])),
    operations: [
      {
        kind: 'setEnumValues',
        up: [`ALTER TABLE ${T} DROP CONSTRAINT "c_status0001_check"`],
        down: [`ALTER TABLE ${T} ADD CONSTRAINT "c_status0001_check" CHECK ("status" IN ('a'))`],
      },
      {
        kind: 'changeType',
        up: [`ALTER TABLE ${T} ALTER COLUMN "status" TYPE varchar(20) USING "status"::varchar(20)`],
        down: [`ALTER TABLE ${T} ALTER COLUMN "status" TYPE text USING "status"::text`],
        precheck: /strata_converts\("status"::text, 'text', 'varchar\(20\)', false, true\)/,
      },
    ],
  },
  {
    name: 'change what a reference does on delete: the foreign key is replaced',
    from: schema(companies([]), contacts([company])),
    to: schema(companies([]), contacts([{ ...company, onDelete: 'cascade' }])),
    operations: [
      {
        kind: 'dropReference',
        up: [`DROP INDEX "tenant_acme"."c_company001_idx"`, `ALTER TABLE ${C} DROP CONSTRAINT "c_company001_fkey"`],
        down: [
          `ALTER TABLE ${C} ADD CONSTRAINT "c_company001_fkey" FOREIGN KEY ("company") REFERENCES ${T} ("id") ON DELETE SET NULL`,
          `CREATE INDEX "c_company001_idx" ON ${C} ("company")`,
        ],
      },
      {
        kind: 'addReference',
        up: [
          `ALTER TABLE ${C} ADD CONSTRAINT "c_company001_fkey" FOREIGN KEY ("company") REFERENCES ${T} ("id") ON DELETE CASCADE`,
          `CREATE INDEX "c_company001_idx" ON ${C} ("company")`,
        ],
        down: [`DROP INDEX "tenant_acme"."c_company001_idx"`, `ALTER TABLE ${C} DROP CONSTRAINT "c_company001_fkey"`],
        precheck: /NOT EXISTS/,
      },
    ],
  },
  {
    name: 'a uuid column becomes a reference: only the foreign key is added',
    from: schema(companies([]), contacts([{ id: 'c_company001', name: 'company', type: 'uuid' }])),
    to: schema(companies([]), contacts([{ ...company, onDelete: 'restrict' }])),
    operations: [
      {
        kind: 'addReference',
        up: [
          `ALTER TABLE ${C} ADD CONSTRAINT "c_company001_fkey" FOREIGN KEY ("company") REFERENCES ${T} ("id") ON DELETE RESTRICT`,
          `CREATE INDEX "c_company001_idx" ON ${C} ("company")`,
        ],
        down: [`DROP INDEX "tenant_acme"."c_company001_idx"`, `ALTER TABLE ${C} DROP CONSTRAINT "c_company001_fkey"`],
        precheck: /NOT EXISTS/,
      },
    ],
  },
  {
    name: 'add a unique index on two columns: refused while duplicate pairs remain',
    from: schema(companies([name, score])),
    to: schema(
      companies([name, score], { indexes: [{ id: 'i_pair000001', columns: ['name', 'score'], unique: true }] }),
    ),
    operations: [
      {
        kind: 'addIndex',
        up: [`CREATE UNIQUE INDEX "i_pair000001_idx" ON ${T} ("name", "score")`],
        down: [`DROP INDEX "tenant_acme"."i_pair000001_idx"`],
        precheck: /ROW\("name", "score"\)::text AS value .* WHERE \("name", "score"\) IN \(SELECT "name", "score" FROM/,
      },
    ],
  },
  {
    name: 'drop an index and a column it covered: the index goes first',
    from: schema(companies([name, score], { indexes: [{ id: 'i_pair000001', columns: ['score', 'name'] }] })),
    to: schema(companies([name])),
    operations: [
      {
        kind: 'dropIndex',
        up: [`DROP INDEX "tenant_acme"."i_pair000001_idx"`],
        down: [`CREATE INDEX "i_pair000001_idx" ON ${T} ("score", "name")`],
      },
      {
        kind: 'dropColumn',
        up: [`ALTER TABLE ${T} RENAME COLUMN "score" TO "_dropped_c_score00001"`],
        down: [`ALTER TABLE ${T} RENAME COLUMN "_dropped_c_score00001" TO "score"`],
      },
    ],
  },
  {
    name: 'describe a table and a column; text with a backslash uses the E form',
    from: schema(companies([name], { description: 'Old' })),
    to: schema(companies([{ ...name, description: 'Zoë\\s "name"' }])),
    operations: [
      {
        kind: 'setColumnDescription',
        up: [`COMMENT ON COLUMN ${T}."name" IS E'Zoë\\\\s "name"'`],
        down: [`COMMENT ON COLUMN ${T}."name" IS NULL`],
      },
      {
        kind: 'setTableDescription',
        up: [`COMMENT ON TABLE ${T} IS NULL`],
        down: [`COMMENT ON TABLE ${T} IS 'Old'`],
      },
    ],
  },
  {
    name: 'no change, no operation',
    from: schema(companies([name, score]), contacts([company])),
    to: schema(companies([name, score]), contacts([company])),
    operations: [],
  },
];

describe('planMigration fixtures', () => {
  it.each(PLANNER_FIXTURES.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const plan = planMigration(fixture.from, fixture.to, { schema: 'tenant_acme', retained: fixture.retained });
    const actual = plan.operations.map((op) => ({
      kind: op.kind,
      up: op.up,
      down: op.down,
      precheck: op.precheck?.sql,
    }));
    if (process.env.SHOW_PLANS) console.log(JSON.stringify(actual, null, 2));
    expect(actual.map((a) => a.kind)).toEqual(fixture.operations.map((o) => o.kind));
    fixture.operations.forEach((expected, i) => {
      expect(actual[i].up).toEqual(expected.up);
      expect(actual[i].down).toEqual(expected.down);
      if (expected.precheck) expect(actual[i].precheck).toMatch(expected.precheck);
      else expect(actual[i].precheck).toBeUndefined();
    });
  });
});
