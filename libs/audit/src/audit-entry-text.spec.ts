import { createHash } from 'node:crypto';
import { AuditEntryText, SharedFields } from './audit-entry-text';
import { chainHash, entryDigest, GENESIS_HASH, HashedFields, WrittenFields } from './audit-hash';
import { canonicalJson } from './canonical-json';
import { SeededRandom } from '../../../test/utils/seeded-random';

/** Floats in [0, 1) from a seed, so a failure names a reproducible seed. */
function random(seed: number): () => number {
  const generator = new SeededRandom(seed);
  return () => generator.next();
}

const STRINGS = ['', 'a', 'é', 'e\u0301', '\u{1F600}', 'a\u0000b', 'x\uD800', '\uDC00y', '"\\\n', '10.5', 'record'];
/** What a field may hold: mostly strings and null, at times what only the generic walk takes. */
const FIELD_VALUES: unknown[] = [...STRINGS, null, null, undefined, 7, new Date(0)];
const DETAILS: unknown[] = [
  {},
  { table: 'orders', revision: 1, columns: ['amount', 'note'] },
  { b: 1, a: [1, 'x\uD800', null], é: { z: true, y: -0 } },
  { when: new Date(Date.UTC(2026, 2, 4, 5, 6, 7, 89)), n: 12n, bytes: Buffer.from([0, 255]) },
  { skipped: undefined, kept: NaN },
  { m: new Map() },
  { 'k\u0000': 1, 'k\uFFFD': 2 },
  [],
  'text',
  null,
];

function entry(next: () => number): SharedFields & { id: string; tenantId: string | null; seq: number } {
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const field = () => pick(FIELD_VALUES) as string;
  return {
    id: pick(['6f1f7a52-3f0e-4c4e-8d9c-2f8d2b9f1a10', 'x\uD800', ...STRINGS]),
    tenantId: pick([null, '6f1f7a52-3f0e-4c4e-8d9c-2f8d2b9f1a11', 'é']),
    seq: pick([1, 2, 1e21, -0, 123456789]),
    at: field(),
    actorId: field(),
    actorEmail: field(),
    action: field(),
    entityType: field(),
    entityId: field(),
    requestId: field(),
    ip: field(),
    details: pick(DETAILS),
  };
}

const written = (e: ReturnType<typeof entry>): WrittenFields => ({
  id: e.id,
  tenantId: e.tenantId,
  at: e.at,
  actorId: e.actorId,
  actorEmail: e.actorEmail,
  action: e.action,
  entityType: e.entityType,
  entityId: e.entityId,
  requestId: e.requestId,
  ip: e.ip,
  details: e.details,
});

const hashed = (e: ReturnType<typeof entry>): HashedFields => ({
  tenantId: e.tenantId,
  seq: e.seq,
  at: e.at,
  actorId: e.actorId,
  actorEmail: e.actorEmail,
  action: e.action,
  entityType: e.entityType,
  entityId: e.entityId,
  requestId: e.requestId,
  ip: e.ip,
  details: e.details,
});

/** What `f` answers, or the message it throws: a refusal must be the same refusal. */
const outcome = (f: () => string): string => {
  try {
    return f();
  } catch (error) {
    return `threw ${(error as Error).message}`;
  }
};

const sha256 = (...parts: string[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

describe('AuditEntryText', () => {
  it('writes exactly canonicalJson of the written and of the hashed fields, on 5,000 generated entries', () => {
    const next = random(7);
    for (let i = 0; i < 5000; i++) {
      const e = entry(next);
      const text = AuditEntryText.of(e);
      expect(outcome(() => text.written(e.id, e.tenantId))).toBe(outcome(() => canonicalJson(written(e))));
      expect(outcome(() => text.hashed(e.seq, e.tenantId))).toBe(outcome(() => canonicalJson(hashed(e))));
    }
  });

  it('leaves the digest and the chain hash what sha256 of the canonical JSON gives', () => {
    const next = random(8);
    for (let i = 0; i < 500; i++) {
      const e = entry(next);
      expect(outcome(() => entryDigest(written(e)))).toBe(outcome(() => sha256(canonicalJson(written(e)))));
      expect(outcome(() => chainHash(GENESIS_HASH, hashed(e)))).toBe(
        outcome(() => sha256(GENESIS_HASH, canonicalJson(hashed(e)))),
      );
    }
  });

  it('answers for the typed fields only, whatever else the object carries', () => {
    const e = { ...entry(random(9)), details: { table: 'orders' } };
    const withExtra = { ...written(e), seq: 3, extra: 'x' } as WrittenFields;
    expect(entryDigest(withExtra)).toBe(entryDigest(written(e)));
  });
});
