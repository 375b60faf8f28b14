import { BulkIdRange } from './bulk-id-range';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('BulkIdRange', () => {
  it('makes version 8 UUIDs that start with the time and carry a number in their last 48 bits', () => {
    const range = BulkIdRange.create(Date.UTC(2026, 0, 2));
    expect(range.first).toMatch(UUID);
    expect(range.last).toMatch(UUID);
    expect(range.idOf(0)).toBe(range.first);
    expect(range.idOf(2 ** 48 - 1)).toBe(range.last);
    expect(range.idOf(255)).toBe(`${range.prefix}0000000000ff`);
    expect(range.prefix.replace(/-/g, '').slice(0, 12)).toBe(Date.UTC(2026, 0, 2).toString(16).padStart(12, '0'));
  });

  it('orders ids as their numbers, inside the range, as PostgreSQL compares UUIDs (bytewise)', () => {
    const range = BulkIdRange.create();
    const ids = [0, 1, 2, 15, 16, 4095, 65536, 1_000_000, 2 ** 40].map((n) => range.idOf(n));
    const sorted = [...ids].sort();
    expect(sorted).toEqual(ids);
    for (const id of ids) expect(id >= range.first && id <= range.last).toBe(true);
  });

  it('never holds a version 7 id (the tables’ own), made in the same millisecond', () => {
    const now = Date.now();
    const range = BulkIdRange.create(now);
    const time = now.toString(16).padStart(12, '0');
    const v7 = `${time.slice(0, 8)}-${time.slice(8)}-7fff-bfff-ffffffffffff`;
    expect(v7 < range.first || v7 > range.last).toBe(true);
  });

  it('refuses a prefix that is not one of a range', () => {
    expect(() => new BulkIdRange('01900000-0000-7000-8000-')).toThrow();
  });
});
