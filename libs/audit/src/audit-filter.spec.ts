import { auditWhere } from './audit-filter';

const PLATFORM = `coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid) = coalesce($1::uuid, '00000000-0000-0000-0000-000000000000'::uuid)`;

describe('auditWhere', () => {
  it('selects the sealed entries of the platform chain when there is no tenant', () => {
    const q = auditWhere(null, {});
    expect(q.text).toBe(`${PLATFORM} AND seq IS NOT NULL`);
    expect(q.values).toEqual([null]);
  });

  it('parameterises every filter', () => {
    const q = auditWhere('t1', { actor: 'A@x.io', action: 'user.create', from: '2026-01-01T00:00:00Z' });
    expect(q.text).toBe(
      `${PLATFORM} AND seq IS NOT NULL AND lower(actor_email) = lower($2) AND action = $3 AND at >= $4`,
    );
    expect(q.values).toEqual(['t1', 'A@x.io', 'user.create', '2026-01-01T00:00:00Z']);
  });

  it('treats a uuid actor as an actor id', () => {
    const q = auditWhere(null, { actor: '6f1f7a52-3f0e-4c4e-8d9c-2f8d2b9f1a10' });
    expect(q.text).toBe(`${PLATFORM} AND seq IS NOT NULL AND actor_id = $2`);
  });
});
