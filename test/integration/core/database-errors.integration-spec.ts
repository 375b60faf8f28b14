import { fromDatabaseError, loadEnv, pinoHttpOptions, platformDataSourceOptions } from '@app/core';
import pinoHttp from 'pino-http';
import { DataSource } from 'typeorm';
import { uniqueSuffix } from '../../utils/test-database';

/**
 * Values PostgreSQL refuses as data (SQLSTATE classes 22 and 23), raised by the real database
 * through TypeORM, must become client errors naming the field, and logging them must never
 * print the values: bind parameters, `detail` ("Failing row contains ..."), `where`, or the
 * value PostgreSQL quotes in its message.
 */
describe('database errors', () => {
  const canary = `canary${uniqueSuffix()}`;
  const schema = `dberr_${uniqueSuffix()}`;
  const table = `"${schema}"."things"`;
  let db: DataSource;

  beforeAll(async () => {
    db = new DataSource(platformDataSourceOptions(loadEnv(process.env)));
    await db.initialize();
    await db.query(`CREATE SCHEMA "${schema}"`);
    await db.query(`CREATE TABLE ${table} (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name varchar(5) NOT NULL,
      amount integer,
      doc jsonb,
      stock integer CONSTRAINT things_stock_check CHECK (stock >= 0),
      email text CONSTRAINT things_email_key UNIQUE,
      parent_id uuid REFERENCES ${table} (id)
    )`);
    await db.query(`INSERT INTO ${table} (name, email) VALUES ('taken', $1)`, [`${canary}@example.test`]);
  });

  afterAll(async () => {
    await db.query(`DROP SCHEMA "${schema}" CASCADE`);
    await db.destroy();
  });

  const cases: Array<[string, string, unknown[], number, string, string]> = [
    [
      'a NUL byte',
      `INSERT INTO ${table} (name, amount) VALUES ($1, $2)`,
      [`a\u0000${canary}`, 1],
      400,
      'VALIDATION_FAILED',
      'name',
    ],
    [
      'a string too long',
      `INSERT INTO ${table} (amount, name) VALUES ($1, $2)`,
      [1, canary],
      400,
      'VALIDATION_FAILED',
      'name',
    ],
    [
      'a malformed uuid',
      `UPDATE ${table} SET name = $1 WHERE parent_id = $2`,
      ['a', canary],
      400,
      'VALIDATION_FAILED',
      'parentId',
    ],
    [
      'a number out of range',
      `INSERT INTO ${table} (name, amount) VALUES ($1, $2)`,
      ['a', '99999999999'],
      400,
      'VALIDATION_FAILED',
      'amount',
    ],
    [
      'a lone surrogate in JSON',
      `INSERT INTO ${table} (name, doc) VALUES ($1, $2)`,
      ['a', `{"k":"\\ud800${canary}"}`],
      400,
      'VALIDATION_FAILED',
      'doc',
    ],
    [
      'a NUL escape in JSON',
      `INSERT INTO ${table} (name, doc) VALUES ($1, $2)`,
      ['a', `{"k":"\\u0000${canary}"}`],
      400,
      'VALIDATION_FAILED',
      'doc',
    ],
    [
      'a missing required value',
      `INSERT INTO ${table} (name, email) VALUES ($1, $2)`,
      [null, canary],
      400,
      'VALIDATION_FAILED',
      'name',
    ],
    [
      'a broken check',
      `INSERT INTO ${table} (name, stock, email) VALUES ($1, $2, $3)`,
      ['a', -1, canary],
      400,
      'VALIDATION_FAILED',
      'stock',
    ],
    [
      'a taken unique value',
      `INSERT INTO ${table} (name, email) VALUES ($1, $2)`,
      ['a', `${canary}@example.test`],
      409,
      'UNIQUE_VIOLATION',
      'email',
    ],
    [
      'a missing reference',
      `INSERT INTO ${table} (name, parent_id, email) VALUES ($1, gen_random_uuid(), $2)`,
      ['a', canary],
      409,
      'CONFLICT',
      'parentId',
    ],
  ];

  async function failure(sql: string, parameters: unknown[]): Promise<unknown> {
    try {
      await db.query(sql, parameters);
    } catch (error) {
      return error;
    }
    throw new Error(`expected ${sql} to fail`);
  }

  it.each(cases)('maps %s to a client error naming the field', async (_, sql, parameters, status, code, field) => {
    const mapped = fromDatabaseError(await failure(sql, parameters));
    expect([mapped?.status, mapped?.code, mapped?.details?.[0]?.field]).toEqual([status, code, field]);
    expect(JSON.stringify({ message: mapped?.message, details: mapped?.details })).not.toContain(canary);
  });

  it('logs each of them without the values, keeping where it happened', async () => {
    const lines: string[] = [];
    const env = loadEnv({ ...process.env, LOG_LEVEL: 'trace' });
    const logger = pinoHttp(pinoHttpOptions(env, { write: (line: string) => void lines.push(line) })).logger;
    for (const [, sql, parameters] of cases) logger.error({ err: await failure(sql, parameters) }, 'Request failed');
    expect(lines).toHaveLength(cases.length);
    for (const line of lines) {
      expect(line).not.toContain(canary);
      const err = JSON.parse(line).err as Record<string, unknown>;
      expect(err).toEqual(expect.objectContaining({ type: 'QueryFailedError', code: expect.stringMatching(/^2[23]/) }));
      expect(err).not.toHaveProperty('parameters');
      expect(err).not.toHaveProperty('driverError');
      expect(String(err.query)).toContain(`"${schema}"."things"`);
    }
  });

  it('blanks configured secrets wherever they appear in a line', () => {
    const lines: string[] = [];
    const secret = `jwt-${canary}-${'x'.repeat(32)}`;
    const env = loadEnv({ ...process.env, JWT_SECRET: secret, LOG_LEVEL: 'info' });
    const logger = pinoHttp(pinoHttpOptions(env, { write: (line: string) => void lines.push(line) })).logger;
    logger.info({ note: `the secret is ${secret}` }, `message with ${secret}`);
    logger.info({ user: { password: 'hunter22', refreshToken: 'rt-123' } }, 'nested');
    expect(lines.join('')).not.toContain(secret);
    expect(lines.join('')).not.toMatch(/hunter22|rt-123/);
    expect(lines.join('')).toContain('[Redacted]');
  });
});
