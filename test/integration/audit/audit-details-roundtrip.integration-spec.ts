import { AuditQueryService, AuditService, canonicalJson } from '@app/audit';
import { loadEnv, platformDataSourceOptions, systemActor } from '@app/core';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SeededRandom } from '../../utils/seeded-random';
import { standaloneAudit, StandaloneAudit } from '../../utils/standalone-audit';

const ENTRIES = 150;

/** Strings with what trips serialisers: astral and combining characters, separators, NUL, lone surrogates. */
const STRING_PARTS = [
  'a',
  'Z',
  ' ',
  'é',
  'e\u0301',
  '☃',
  '\u{1F600}',
  '\u2028',
  '"',
  '\\',
  '\n',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '10.50',
  '-0',
  '1e3',
  '日本',
];

function randomString(r: SeededRandom): string {
  return Array.from({ length: r.int(0, 6) }, () => r.pick(STRING_PARTS)).join('');
}

/** Any value the pg driver can hand back (or a caller can put in details), nested to `depth`. */
function randomValue(r: SeededRandom, depth: number): unknown {
  const kinds = depth > 0 ? 16 : 12;
  switch (r.int(0, kinds - 1)) {
    case 0:
      return null;
    case 1:
      return r.next() < 0.5;
    case 2:
      return r.int(-1e9, 1e9);
    case 3:
      return r.pick([0, -0, 0.1 + 0.2, 1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER + 2, -1.5, NaN, Infinity]);
    case 4:
      return (r.next() - 0.5) * 10 ** r.int(-30, 30);
    case 5:
      return BigInt(r.int(-1e9, 1e9)) * 10n ** BigInt(r.int(0, 20));
    case 6:
      return r.pick(['0', '10.50', '-12345678901234567890.000001', 'NaN', '1e5']); // numeric / int8 columns
    case 7:
      return new Date(r.int(-2e12, 4e12));
    case 8:
      return r.next() < 0.1 ? new Date(Number.NaN) : new Date(r.int(0, 2e12)).toISOString();
    case 9:
      return Buffer.from(Array.from({ length: r.int(0, 5) }, () => r.int(0, 255)));
    case 10:
    case 11:
      return randomString(r);
    case 12:
    case 13:
      return Array.from({ length: r.int(0, 4) }, () => (r.next() < 0.1 ? undefined : randomValue(r, depth - 1)));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = r.int(0, 5); i > 0; i--) {
        const key = r.next() < 0.05 ? '__proto__' : randomString(r) || r.pick(['a', 'b', 'B', 'aa', '_']);
        Object.defineProperty(object, key, {
          value: r.next() < 0.1 ? undefined : randomValue(r, depth - 1),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return object;
    }
  }
}

/**
 * What the docs promise, said independently of the code under test: JSON.stringify's meaning
 * (Dates as ISO strings, undefined left out, non-finite numbers null), bigints as decimal
 * strings and bytes as `\x` hex.
 */
function expectedJson(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, function (this: Record<string, unknown>, key: string, converted: unknown) {
      const original = this[key];
      if (typeof original === 'bigint') return original.toString();
      if (Buffer.isBuffer(original)) return `\\x${original.toString('hex')}`;
      return converted;
    }),
  );
}

/**
 * Property: whatever details an entry is written with, the database keeps exactly the canonical
 * value that was hashed, and the chain verifies. Through the real PostgreSQL (jsonb), on a chain
 * of its own. Set AUDIT_PROPERTY_SEED to replay a failing run.
 */
describe('audit details round trip (property)', () => {
  const seed = Number(process.env.AUDIT_PROPERTY_SEED ?? Date.now() % 2 ** 31);
  let db: DataSource;
  let standalone: StandaloneAudit;
  let audit: AuditService;
  let query: AuditQueryService;

  beforeAll(async () => {
    db = new DataSource({
      ...platformDataSourceOptions(loadEnv({ ...process.env, NODE_ENV: 'test' })),
      extra: { max: 2 },
    });
    await db.initialize();
    standalone = await standaloneAudit(db);
    ({ audit, query } = standalone);
  });

  afterAll(async () => {
    await standalone?.stop();
    await db?.destroy();
  });

  it(`stores what it hashes and verifies, for random details (seed ${seed})`, async () => {
    const r = new SeededRandom(seed);
    const chain = randomUUID();
    const written: unknown[] = [];
    for (let i = 0; i < ENTRIES; i++) {
      const details = { value: randomValue(r, 4), i };
      written.push(details);
      await db.transaction((manager) =>
        audit.record(manager, systemActor(), { tenantId: chain, action: 'test.property', entityType: 'test', details }),
      );
    }
    // Sealing re-reads what was stored, checks the writer's signature of it and hashes it.
    await standalone.sealer.sealChain(chain, 'wait');
    const stored: Array<{ details: unknown }> = await db.query(
      `SELECT details FROM audit_log WHERE tenant_id = $1 ORDER BY seq`,
      [chain],
    );
    const expected = written.map((details) => canonicalJson(expectedJson(details)));
    expect(stored.map((row) => canonicalJson(row.details))).toEqual(expected);
    expect(await query.verify(chain)).toEqual({ valid: true, checked: ENTRIES, firstBrokenId: null });
  });
});
