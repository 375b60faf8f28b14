import { chainHash, entryDigest, GENESIS_HASH, HashedFields } from './audit-hash';
import { canonicalJson } from './canonical-json';

const entry: HashedFields = {
  tenantId: null,
  seq: 1,
  at: '2026-01-01T00:00:00.000Z',
  actorId: null,
  actorEmail: 'system',
  action: 'user.create',
  entityType: 'user',
  entityId: 'u1',
  requestId: 'r1',
  ip: null,
  details: { b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } },
};

describe('audit hash', () => {
  it('serialises keys in a stable order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  it('does not depend on key order', () => {
    const reordered = {
      ...entry,
      details: { a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 },
    };
    expect(chainHash(GENESIS_HASH, reordered)).toBe(chainHash(GENESIS_HASH, entry));
  });

  it('changes with any field or with the previous hash', () => {
    const base = chainHash(GENESIS_HASH, entry);
    expect(chainHash(GENESIS_HASH, { ...entry, action: 'user.delete' })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...entry, details: { b: 2 } })).not.toBe(base);
    expect(chainHash('f'.repeat(64), entry)).not.toBe(base);
  });
});

describe('audit hash of values the pg driver returns', () => {
  it('hashes a Date in details as the ISO string it is stored as', () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    const written = chainHash(GENESIS_HASH, { ...entry, details: { after: { when: at } } });
    const readBack = chainHash(GENESIS_HASH, { ...entry, details: { after: { when: '2026-03-04T05:06:07.089Z' } } });
    expect(written).toBe(readBack);
  });
});

describe('entry digest (what a writer signs)', () => {
  const { seq: _seq, ...rest } = entry;
  const written = { ...rest, id: '6f1f7a52-3f0e-4c4e-8d9c-2f8d2b9f1a10' };

  it('covers the id and every written field, and no place in the chain', () => {
    const base = entryDigest(written);
    expect(entryDigest({ ...written, id: '6f1f7a52-3f0e-4c4e-8d9c-2f8d2b9f1a11' })).not.toBe(base);
    expect(entryDigest({ ...written, tenantId: '6f1f7a52-3f0e-4c4e-8d9c-2f8d2b9f1a10' })).not.toBe(base);
    expect(entryDigest({ ...written, details: { b: 2 } })).not.toBe(base);
    expect(entryDigest({ ...written, at: '2026-01-01T00:00:00.001Z' })).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });
});
