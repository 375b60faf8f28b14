import { parseSigningKey } from '@app/audit';
import { addMember, createTenant, deleteTenant } from '../factories/tenants.factory';
import { createUser } from '../factories/users.factory';
import { startTestApp, TestApp } from '../utils/test-app';

/**
 * One app after the other on the same database, as a restart with a new AUDIT_SIGNING_KEY is.
 * The first app signs with the run's key; the new key is the one every app of the run trusts
 * (global-setup), as the platform chain these apps also write to is verified by other test files.
 */
describe('audit signing key rotation', () => {
  const oldKey = parseSigningKey(process.env.AUDIT_SIGNING_KEY!);
  const newKey = parseSigningKey(process.env.STRATA_TEST_NEXT_SIGNING_KEY!);
  // As an env file would carry them: one line, with \n escapes.
  const oneLine = (pem: string) => pem.replace(/\n/g, '\\n');
  const rotated = { AUDIT_SIGNING_KEY: process.env.STRATA_TEST_NEXT_SIGNING_KEY! };
  let slug: string;
  let firstEntryId: string;

  async function withApp<T>(overrides: Record<string, string>, fn: (t: TestApp, token: string) => Promise<T>) {
    const t = await startTestApp(overrides);
    try {
      return await fn(t, await t.adminToken());
    } finally {
      await t.close();
    }
  }

  afterAll(() => withApp({}, (t, token) => deleteTenant(t, token, slug)));

  beforeAll(async () => {
    await withApp({}, async (t, token) => {
      const first = await createUser(t, token);
      slug = (await createTenant(t, token, { adminEmail: first.email })).slug;
      const [entry] = (await t.http.get(`/api/tenants/${slug}/audit`, { token })).body.results;
      expect(entry.keyId).toBe(oldKey.keyId);
      firstEntryId = entry.id;
    });
  });

  it('continues the chain under the new key; old entries verify while the old public key is listed', async () => {
    const trusted = { ...rotated, AUDIT_TRUSTED_PUBLIC_KEYS: oneLine(oldKey.publicKeyPem) };
    await withApp(trusted, async (t, token) => {
      const user = await createUser(t, token);
      await addMember(t, token, slug, user.email, 'editor');
      const entries = (await t.http.get(`/api/tenants/${slug}/audit`, { token })).body.results;
      expect(entries.map((e: { keyId: string }) => e.keyId)).toEqual([oldKey.keyId, newKey.keyId]);
      const keys = (await t.http.get('/api/audit/keys')).body.results.map((k: { keyId: string }) => k.keyId);
      expect(keys).toEqual([newKey.keyId, oldKey.keyId]);
      const res = await t.http.get(`/api/tenants/${slug}/audit/verify`, { token });
      expect(res.body).toEqual({ valid: true, checked: 2, firstBrokenId: null });
    });
  });

  it('no longer trusts the old key once it is not listed, though the database still records it', async () => {
    await withApp({ ...rotated, AUDIT_TRUSTED_PUBLIC_KEYS: '' }, async (t, token) => {
      const keys = (await t.http.get('/api/audit/keys')).body.results.map((k: { keyId: string }) => k.keyId);
      expect(keys).toEqual([newKey.keyId]);
      const recorded = await t.db.query(`SELECT 1 FROM audit_signing_keys WHERE key_id = $1`, [oldKey.keyId]);
      expect(recorded).toHaveLength(1);
      const res = await t.http.get(`/api/tenants/${slug}/audit/verify`, { token });
      expect(res.body).toEqual({ valid: false, checked: 1, firstBrokenId: firstEntryId });
    });
  });
});
