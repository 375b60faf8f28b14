import { generateSigningKey, privateKeyPem } from '@app/audit';
import { addMember, createTenant, deleteTenant } from '../factories/tenants.factory';
import { createUser } from '../factories/users.factory';
import { startTestApp, TestApp } from '../utils/test-app';

/**
 * One app after the other on the same database, as a restart with a new AUDIT_SIGNING_KEY is
 * (two apps at once in one process would share passport's strategy registry).
 */
describe('audit signing key rotation', () => {
  let slug: string;
  let oldKeyId: string;

  async function withApp<T>(overrides: Record<string, string>, fn: (t: TestApp, token: string) => Promise<T>) {
    const t = await startTestApp(overrides);
    try {
      return await fn(t, await t.adminToken());
    } finally {
      await t.close();
    }
  }

  afterAll(() => withApp({}, (t, token) => deleteTenant(t, token, slug)));

  it('a chain signed by an old key, then by a new AUDIT_SIGNING_KEY, verifies; both keys stay listed', async () => {
    await withApp({}, async (t, token) => {
      const first = await createUser(t, token);
      slug = (await createTenant(t, token, { adminEmail: first.email })).slug;
      oldKeyId = (await t.http.get(`/api/tenants/${slug}/audit`, { token })).body.results[0].keyId;
    });

    const newKey = generateSigningKey();
    // As an env file would carry it: one line, with \n escapes.
    await withApp({ AUDIT_SIGNING_KEY: privateKeyPem(newKey).replace(/\n/g, '\\n') }, async (t, token) => {
      const user = await createUser(t, token);
      await addMember(t, token, slug, user.email, 'editor');
      const entries = (await t.http.get(`/api/tenants/${slug}/audit`, { token })).body.results;
      expect(entries.map((e: { keyId: string }) => e.keyId)).toEqual([oldKeyId, newKey.keyId]);
      const keys = (await t.http.get('/api/audit/keys')).body.results.map((k: { keyId: string }) => k.keyId);
      expect(keys).toEqual(expect.arrayContaining([oldKeyId, newKey.keyId]));
      const res = await t.http.get(`/api/tenants/${slug}/audit/verify`, { token });
      expect(res.body).toEqual({ valid: true, checked: 2, firstBrokenId: null });
    });
  });
});
