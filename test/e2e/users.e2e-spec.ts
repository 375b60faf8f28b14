import { randomUUID } from 'node:crypto';
import { createUser, login } from '../factories/users.factory';
import { HttpResponse } from '../utils/http-client';
import { startTestApp, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';
import { sealAudit } from '../utils/sealed-audit';

const USER_KEYS = [
  'id',
  'username',
  'email',
  'firstName',
  'lastName',
  'phone',
  'address',
  'isActive',
  'isSuperadmin',
  'createdAt',
  'updatedAt',
  'lastLoginAt',
].sort();

function expectError(res: HttpResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ statusCode: status, code, requestId: res.headers.get('x-request-id') });
  expect(typeof res.body.message).toBe('string');
}

const detailFields = (res: HttpResponse) => (res.body.details ?? []).map((d: { field: string }) => d.field);

describe('users', () => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  const seen: string[] = [];

  /** Every response of this file, checked at the end for passwords and hashes. */
  const track = async (res: Promise<HttpResponse>) => {
    const r = await res;
    seen.push(r.text);
    return r;
  };
  const get = (path: string, token = admin) => track(t.http.get(path, { token }));
  const post = (path: string, body: unknown, token = admin) => track(t.http.post(path, body, { token }));
  const put = (path: string, body: unknown, token = admin) => track(t.http.put(path, body, { token }));
  const patch = (path: string, body: unknown, token = admin) => track(t.http.patch(path, body, { token }));
  const del = (path: string, token = admin) => track(t.http.delete(path, { token }));

  const newUserBody = (overrides: Record<string, unknown> = {}) => {
    const s = uniqueSuffix();
    return { username: `u_${s}`, email: `u_${s}@example.test`, password: `pw-${s}-long`, ...overrides };
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    adminId = (await t.http.get('/api/auth/me', { token: admin })).body.id;
  });

  afterAll(() => t.close());

  afterAll(() => {
    expect(seen.length).toBeGreaterThan(50);
    for (const text of seen) {
      expect(text).not.toMatch(/"password(_?hash)?"\s*:/i);
      expect(text).not.toContain('$argon2');
    }
  });

  describe('create', () => {
    it('answers 201 with the user object (empty strings for unset text, lastLoginAt null)', async () => {
      const body = newUserBody({ email: `MiXeD_${uniqueSuffix()}@Example.TEST`, firstName: 'Ada' });
      const res = await post('/api/users', body);
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(USER_KEYS);
      expect(res.body).toMatchObject({
        username: body.username,
        email: body.email.toLowerCase(),
        firstName: 'Ada',
        lastName: '',
        phone: '',
        address: '',
        isActive: true,
        isSuperadmin: false,
        lastLoginAt: null,
      });
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
      await expect(login(t, body.email.toLowerCase(), body.password)).resolves.toBeDefined();
      const [row] = await t.db.query('SELECT password_hash FROM users WHERE id = $1', [res.body.id]);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('takes all optional fields, including isActive', async () => {
      const res = await post(
        '/api/users',
        newUserBody({ firstName: 'A', lastName: 'B', phone: '+1 555', address: 'Street 1', isActive: false }),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        firstName: 'A',
        lastName: 'B',
        phone: '+1 555',
        address: 'Street 1',
        isActive: false,
      });
    });

    it('accepts usernames with . _ - @ and 3 or 100 characters', async () => {
      for (const username of [
        `a.b_c-d@${uniqueSuffix()}`,
        `x${uniqueSuffix()}`.slice(0, 3),
        'y'.repeat(90) + uniqueSuffix().slice(0, 10),
      ]) {
        const res = await post('/api/users', newUserBody({ username }));
        expect([res.status, res.body.username]).toEqual([201, username]);
      }
    });

    it.each([
      ['no username', { username: undefined }, ['username']],
      ['no email', { email: undefined }, ['email']],
      ['no password', { password: undefined }, ['password']],
      ['a 2-character username', { username: 'ab' }, ['username']],
      ['a 101-character username', { username: 'a'.repeat(101) }, ['username']],
      ['a username with a space', { username: 'has space' }, ['username']],
      ['a username with a slash', { username: 'bad/char' }, ['username']],
      ['an invalid email', { email: 'not-an-email' }, ['email']],
      ['a 5-character password', { password: 'short' }, ['password']],
      ['a 201-character password', { password: 'p'.repeat(201) }, ['password']],
      ['a non-boolean isActive', { isActive: 'yes' }, ['isActive']],
      ['a numeric firstName', { firstName: 5 }, ['firstName']],
      ['an unknown property (isSuperadmin)', { isSuperadmin: true }, ['isSuperadmin']],
      ['three bad fields', { username: 'ab', email: 'nope', password: 'x' }, ['username', 'email', 'password']],
    ])('refuses %s with 400 and details per field', async (_label, overrides, fields) => {
      const body = newUserBody(overrides);
      for (const [k, v] of Object.entries(overrides as Record<string, unknown>)) {
        if (v === undefined) delete (body as Record<string, unknown>)[k];
      }
      const res = await post('/api/users', body);
      expectError(res, 400, 'VALIDATION_FAILED');
      expect([...new Set(detailFields(res))].sort()).toEqual([...fields].sort());
      for (const d of res.body.details) expect(typeof d.message).toBe('string');
    });

    it('refuses a taken email (in any case) or username with 409 naming the field', async () => {
      const existing = await createUser(t, admin);
      const byEmail = await post('/api/users', newUserBody({ email: existing.email.toUpperCase() }));
      expectError(byEmail, 409, 'UNIQUE_VIOLATION');
      expect(detailFields(byEmail)).toEqual(['email']);
      const byName = await post('/api/users', newUserBody({ username: existing.username }));
      expectError(byName, 409, 'UNIQUE_VIOLATION');
      expect(detailFields(byName)).toEqual(['username']);
    });

    // A user created while Redis is down still gets the mail later: test/e2e/job-delivery.e2e-spec.ts.
    it('queues a welcome mail and hands it to the queue at once', async () => {
      const body = newUserBody({ firstName: 'Wendy' });
      expect((await post('/api/users', body)).status).toBe(201);
      const jobs = await t.db.query(
        `SELECT id, data FROM jobs WHERE data->>'template' = 'welcome' AND data::text LIKE $1`,
        [`%${body.email}%`],
      );
      expect(jobs).toHaveLength(1);
      expect(jobs[0].data).toMatchObject({
        subject: 'Welcome to Strata',
        context: { username: body.username, firstName: 'Wendy' },
      });
      const outbox = await t.db.query(`SELECT 1 FROM job_outbox WHERE job_id = $1`, [jobs[0].id]);
      expect(outbox).toEqual([]);
    });

    it('does not mail the seeded superadmin', async () => {
      const rows = await t.db.query(`SELECT 1 FROM jobs WHERE data->>'template' = 'welcome' AND data::text LIKE $1`, [
        `%${t.env.ADMIN_EMAIL}%`,
      ]);
      expect(rows).toHaveLength(0);
    });
  });

  describe('read', () => {
    it('gets one user by id', async () => {
      const user = await createUser(t, admin);
      const res = await get(`/api/users/${user.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: user.id, email: user.email, username: user.username });
    });

    it('answers 404 for an unknown id and for a malformed one', async () => {
      expectError(await get(`/api/users/${randomUUID()}`), 404, 'USER_NOT_FOUND');
      expectError(await get('/api/users/not-a-uuid'), 404, 'USER_NOT_FOUND');
      expectError(await patch('/api/users/123', { firstName: 'x' }), 404, 'USER_NOT_FOUND');
      expectError(await del('/api/users/123'), 404, 'USER_NOT_FOUND');
    });
  });

  describe('list', () => {
    const tag = `zq${uniqueSuffix()}`;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const specs = [
        { key: 'a', username: `${tag}_alpha`, firstName: 'Zelda', lastName: 'Moss', isActive: true },
        {
          key: 'b',
          username: `bravo_${uniqueSuffix()}`,
          firstName: `X${tag.toUpperCase()}x`,
          lastName: 'Adams',
          isActive: false,
        },
        { key: 'c', username: `charlie_${uniqueSuffix()}`, firstName: 'Carl', lastName: `Mc${tag}`, isActive: true },
        {
          key: 'd',
          username: `delta_${uniqueSuffix()}`,
          firstName: 'Dora',
          lastName: 'Lane',
          isActive: true,
          email: `${tag}.d@example.test`,
        },
      ];
      for (const { key, ...spec } of specs) ids[key] = (await createUser(t, admin, spec)).id;
    });

    const list = (query: string) => get(`/api/users?${query}`);
    const idsOf = (res: HttpResponse) => res.body.results.map((u: { id: string }) => u.id);

    it('answers the list shape', async () => {
      const res = await list('');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['count', 'next', 'previous', 'results']);
      expect(res.body.count).toBeGreaterThanOrEqual(5);
      expect(Object.keys(res.body.results[0]).sort()).toEqual(USER_KEYS);
    });

    it('shows every user as GET /api/users/:id does, key for key and time for time', async () => {
      // The list formats its times in SQL, the single read from Dates: both must write the same text.
      const users = (await list('pageSize=1000')).body.results as Array<{ id: string; lastLoginAt: string | null }>;
      expect(users.some((u) => u.lastLoginAt !== null)).toBe(true);
      for (const user of users.filter((u) => u.lastLoginAt !== null || Object.values(ids).includes(u.id)))
        expect(JSON.stringify(user)).toBe(JSON.stringify((await get(`/api/users/${user.id}`)).body));
    });

    it('searches username, email, first and last name, partially and case-insensitively', async () => {
      const res = await list(`search=${tag.toUpperCase()}&ordering=username`);
      expect(res.body.count).toBe(4);
      expect(new Set(idsOf(res))).toEqual(new Set(Object.values(ids)));
      expect((await list(`search=${tag}_alp`)).body.results.map((u: { id: string }) => u.id)).toEqual([ids.a]);
      expect((await list(`search=nothing-matches-${tag}`)).body).toMatchObject({ count: 0, results: [] });
    });

    it('treats % and _ in search literally', async () => {
      expect((await list(`search=${encodeURIComponent('%')}${tag}`)).body.count).toBe(0);
      expect((await list(`search=${tag}${encodeURIComponent('_')}`)).body.count).toBe(1);
    });

    it('filters by isActive', async () => {
      const inactive = await list(`search=${tag}&isActive=false`);
      expect(idsOf(inactive)).toEqual([ids.b]);
      const active = await list(`search=${tag}&isActive=true`);
      expect(new Set(idsOf(active))).toEqual(new Set([ids.a, ids.c, ids.d]));
      expectError(await list('isActive=maybe'), 400, 'VALIDATION_FAILED');
    });

    it('orders by fields, - for descending, several at once', async () => {
      const byFirst = await list(`search=${tag}&ordering=firstName`);
      expect(byFirst.body.results.map((u: { firstName: string }) => u.firstName)).toEqual([
        'Carl',
        'Dora',
        `X${tag.toUpperCase()}x`,
        'Zelda',
      ]);
      const byLastDesc = await list(`search=${tag}&ordering=-lastName`);
      expect(idsOf(byLastDesc)).toEqual([ids.a, ids.c, ids.d, ids.b]);
      const newestFirst = await list(`search=${tag}&ordering=-createdAt`);
      expect(idsOf(newestFirst)).toEqual([ids.d, ids.c, ids.b, ids.a]);
      expect((await list(`search=${tag}&ordering=lastLoginAt,-username`)).status).toBe(200);
    });

    it('refuses an unknown ordering field with 400 naming it', async () => {
      const res = await list('ordering=username,passwordHash');
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.message).toContain('passwordHash');
      expect(detailFields(res)).toEqual(['ordering']);
    });

    it('pages with next and previous URLs', async () => {
      const first = await list(`search=${tag}&ordering=username&pageSize=2`);
      expect(first.body.count).toBe(4);
      expect(first.body.results).toHaveLength(2);
      expect(first.body.previous).toBeNull();
      const nextUrl = new URL(first.body.next);
      expect(nextUrl.pathname).toBe('/api/users');
      expect(nextUrl.searchParams.get('page')).toBe('2');
      expect(nextUrl.searchParams.get('pageSize')).toBe('2');
      expect(nextUrl.searchParams.get('search')).toBe(tag);
      const second = await get(`${nextUrl.pathname}${nextUrl.search}`);
      expect(second.body.results).toHaveLength(2);
      expect(second.body.next).toBeNull();
      expect(new URL(second.body.previous).searchParams.get('page')).toBe('1');
      expect(new Set([...idsOf(first), ...idsOf(second)])).toEqual(new Set(Object.values(ids)));
    });

    it('refuses pageSize above 1000 and page 0', async () => {
      expectError(await list('pageSize=1001'), 400, 'VALIDATION_FAILED');
      expectError(await list('page=0'), 400, 'VALIDATION_FAILED');
      expect((await list('pageSize=1000')).status).toBe(200);
    });

    it('refuses unknown query parameters', async () => {
      expectError(await list('role=admin'), 400, 'VALIDATION_FAILED');
    });
  });

  describe('PUT and PATCH', () => {
    it('PATCH merges: fields not sent stay as they are', async () => {
      const user = await createUser(t, admin, { firstName: 'Keep', lastName: 'Me', phone: '123' });
      const res = await patch(`/api/users/${user.id}`, { lastName: 'Changed' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ firstName: 'Keep', lastName: 'Changed', phone: '123', email: user.email });
      expect(res.body.updatedAt >= res.body.createdAt).toBe(true);
    });

    it('PATCH with null clears a text field', async () => {
      const user = await createUser(t, admin, { phone: '123' });
      expect((await patch(`/api/users/${user.id}`, { phone: null })).body.phone).toBe('');
      expectError(await patch(`/api/users/${user.id}`, { email: null }), 400, 'VALIDATION_FAILED');
    });

    it('PUT replaces: optional fields not sent are reset, the password is kept', async () => {
      const user = await createUser(t, admin, { firstName: 'Gone', lastName: 'Too', phone: '9', isActive: false });
      const email = `put_${uniqueSuffix()}@example.test`;
      const res = await put(`/api/users/${user.id}`, { username: user.username, email, address: 'New' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        email,
        firstName: '',
        lastName: '',
        phone: '',
        address: 'New',
        isActive: true,
      });
      await expect(login(t, email, user.password)).resolves.toBeDefined();
    });

    it('PUT needs username and email', async () => {
      const user = await createUser(t, admin);
      const res = await put(`/api/users/${user.id}`, { firstName: 'x' });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(new Set(detailFields(res))).toEqual(new Set(['username', 'email']));
    });

    it('refuses to take another user’s email or username (409 naming the field)', async () => {
      const a = await createUser(t, admin);
      const b = await createUser(t, admin);
      const res = await patch(`/api/users/${b.id}`, { email: a.email });
      expectError(res, 409, 'UNIQUE_VIOLATION');
      expect(detailFields(res)).toEqual(['email']);
      const res2 = await put(`/api/users/${b.id}`, { username: a.username, email: b.email });
      expectError(res2, 409, 'UNIQUE_VIOLATION');
      expect(detailFields(res2)).toEqual(['username']);
    });

    it('validates PATCH bodies like POST', async () => {
      const user = await createUser(t, admin);
      const res = await patch(`/api/users/${user.id}`, { username: 'a', password: 'short' });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(new Set(detailFields(res))).toEqual(new Set(['username', 'password']));
    });

    it('changing the password revokes every refresh token of the user', async () => {
      const user = await createUser(t, admin);
      const s1 = await login(t, user.email, user.password);
      const s2 = await login(t, user.email, user.password);
      const res = await patch(`/api/users/${user.id}`, { password: 'a-brand-new-password' });
      expect(res.status).toBe(200);
      for (const s of [s1, s2])
        expect((await t.http.post('/api/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
      expect((await t.http.post('/api/auth/login', { email: user.email, password: user.password })).status).toBe(401);
      await expect(login(t, user.email, 'a-brand-new-password')).resolves.toBeDefined();
    });

    it('a PUT without password leaves refresh tokens alone', async () => {
      const user = await createUser(t, admin);
      const s = await login(t, user.email, user.password);
      expect((await put(`/api/users/${user.id}`, { username: user.username, email: user.email })).status).toBe(200);
      expect((await t.http.post('/api/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(200);
    });

    it('deactivating a user revokes their refresh tokens and refuses their login', async () => {
      const user = await createUser(t, admin);
      const s = await login(t, user.email, user.password);
      expect((await patch(`/api/users/${user.id}`, { isActive: false })).body.isActive).toBe(false);
      expect((await t.http.post('/api/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
      expect((await t.http.post('/api/auth/login', { email: user.email, password: user.password })).status).toBe(401);
      expect((await patch(`/api/users/${user.id}`, { isActive: true })).status).toBe(200);
      await expect(login(t, user.email, user.password)).resolves.toBeDefined();
    });
  });

  describe('delete', () => {
    it('answers 204, then the user is gone', async () => {
      const user = await createUser(t, admin);
      const res = await del(`/api/users/${user.id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectError(await get(`/api/users/${user.id}`), 404, 'USER_NOT_FOUND');
      expectError(await del(`/api/users/${user.id}`), 404, 'USER_NOT_FOUND');
    });

    it('refuses to delete yourself (409)', async () => {
      expectError(await del(`/api/users/${adminId}`), 409, 'CANNOT_DELETE_SELF');
    });

    it('refuses to delete the only admin of a tenant (409 LAST_ADMIN), allows it once there is another', async () => {
      const user = await createUser(t, admin);
      const other = await createUser(t, admin);
      const slug = `la_${uniqueSuffix()}`;
      const [tenant] = await t.db.query(
        `INSERT INTO tenants (name, slug, schema_name) VALUES ($1, $1, $2) RETURNING id`,
        [slug, `tenant_${slug}`],
      );
      await t.db.query(
        `INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'admin'), ($1, $3, 'viewer')`,
        [tenant.id, user.id, other.id],
      );
      const res = await del(`/api/users/${user.id}`);
      expectError(res, 409, 'LAST_ADMIN');
      expect(res.body.message).toContain(slug);
      expect((await del(`/api/users/${other.id}`)).status).toBe(204);

      const third = await createUser(t, admin);
      await t.db.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'admin')`, [
        tenant.id,
        third.id,
      ]);
      expect((await del(`/api/users/${user.id}`)).status).toBe(204);
    });
  });

  describe('active_count', () => {
    /** Other test files share the database, so compare with a count taken in a quiet moment. */
    async function expectMatchesDatabase() {
      for (let attempt = 0; attempt < 10; attempt++) {
        const [{ n: before }] = await t.db.query('SELECT count(*)::int AS n FROM users WHERE is_active');
        const res = await get('/api/users/active_count');
        const [{ n: after }] = await t.db.query('SELECT count(*)::int AS n FROM users WHERE is_active');
        expect(res.status).toBe(200);
        expect(Object.keys(res.body)).toEqual(['count']);
        if (before === after) {
          expect(res.body.count).toBe(before);
          return;
        }
      }
      throw new Error('the number of active users never held still');
    }

    it('counts active users', async () => {
      await expectMatchesDatabase();
      const user = await createUser(t, admin);
      await expectMatchesDatabase();
      await patch(`/api/users/${user.id}`, { isActive: false });
      await expectMatchesDatabase();
      await createUser(t, admin, { isActive: false });
      await expectMatchesDatabase();
    });
  });

  describe('a non-superadmin', () => {
    let me: Awaited<ReturnType<typeof createUser>>;
    let other: Awaited<ReturnType<typeof createUser>>;
    let token: string;

    beforeAll(async () => {
      me = await createUser(t, admin, { firstName: 'Self' });
      other = await createUser(t, admin);
      token = (await login(t, me.email, me.password)).accessToken;
    });

    it('gets 403 on the superadmin routes', async () => {
      expectError(await get('/api/users', token), 403, 'FORBIDDEN');
      expectError(await get('/api/users/active_count', token), 403, 'FORBIDDEN');
      expectError(await post('/api/users', newUserBody(), token), 403, 'FORBIDDEN');
    });

    it('reads and patches themself, but not isActive', async () => {
      expect((await get(`/api/users/${me.id}`, token)).body).toMatchObject({ id: me.id, firstName: 'Self' });
      const res = await patch(`/api/users/${me.id}`, { firstName: 'Changed' }, token);
      expect(res.status).toBe(200);
      expect(res.body.firstName).toBe('Changed');
      expectError(await patch(`/api/users/${me.id}`, { isActive: false }, token), 403, 'FORBIDDEN');
      expect((await get(`/api/users/${me.id}`)).body.isActive).toBe(true);
    });

    it('may not replace or delete themself (403)', async () => {
      expectError(
        await put(`/api/users/${me.id}`, { username: me.username, email: me.email }, token),
        403,
        'FORBIDDEN',
      );
      expectError(await del(`/api/users/${me.id}`, token), 403, 'FORBIDDEN');
    });

    it('gets 404 for anyone else, existing or not', async () => {
      for (const id of [other.id, adminId, randomUUID()]) {
        expectError(await get(`/api/users/${id}`, token), 404, 'USER_NOT_FOUND');
        expectError(await patch(`/api/users/${id}`, { firstName: 'x' }, token), 404, 'USER_NOT_FOUND');
        expectError(
          await put(`/api/users/${id}`, { username: 'abc', email: 'a@b.test' }, token),
          404,
          'USER_NOT_FOUND',
        );
        expectError(await del(`/api/users/${id}`, token), 404, 'USER_NOT_FOUND');
      }
      expect((await get(`/api/users/${other.id}`)).body.firstName).toBe('');
    });

    it('changing their own password revokes their refresh tokens', async () => {
      const user = await createUser(t, admin);
      const pair = await login(t, user.email, user.password);
      const body = { password: 'my-own-new-password', currentPassword: user.password };
      expect((await patch(`/api/users/${user.id}`, body, pair.accessToken)).status).toBe(200);
      expect((await t.http.post('/api/auth/refresh', { refreshToken: pair.refreshToken })).status).toBe(401);
    });
  });

  describe('changing one’s own email or password', () => {
    it('needs currentPassword: 400 without it, 401 INVALID_CREDENTIALS when wrong, and nothing changes', async () => {
      const user = await createUser(t, admin);
      const { accessToken } = await login(t, user.email, user.password);
      const email = `moved_${uniqueSuffix()}@example.test`;
      for (const change of [{ password: 'taken-over-password' }, { email }]) {
        const missing = await patch(`/api/users/${user.id}`, change, accessToken);
        expectError(missing, 400, 'VALIDATION_FAILED');
        expect(detailFields(missing)).toEqual(['currentPassword']);
        const wrong = await patch(
          `/api/users/${user.id}`,
          { ...change, currentPassword: 'not-my-password' },
          accessToken,
        );
        expectError(wrong, 401, 'INVALID_CREDENTIALS');
      }
      expect((await get(`/api/users/${user.id}`)).body.email).toBe(user.email);
      await expect(login(t, user.email, user.password)).resolves.toBeDefined();

      const moved = await patch(`/api/users/${user.id}`, { email, currentPassword: user.password }, accessToken);
      expect(moved.status).toBe(200);
      expect(moved.body.email).toBe(email);
    });

    it('needs no currentPassword for other fields, or for an email that stays the same', async () => {
      const user = await createUser(t, admin);
      const { accessToken } = await login(t, user.email, user.password);
      const res = await patch(`/api/users/${user.id}`, { firstName: 'Free', email: user.email }, accessToken);
      expect(res.status).toBe(200);
      expect(res.body.firstName).toBe('Free');
    });

    it('applies to a superadmin changing their own email through PUT', async () => {
      const self = (await get(`/api/users/${adminId}`)).body;
      const res = await put(`/api/users/${adminId}`, { username: self.username, email: 'elsewhere@example.test' });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(detailFields(res)).toEqual(['currentPassword']);
      const wrong = await put(`/api/users/${adminId}`, {
        username: self.username,
        email: 'elsewhere@example.test',
        currentPassword: 'wrong-password-1',
      });
      expectError(wrong, 401, 'INVALID_CREDENTIALS');
      expect((await get(`/api/users/${adminId}`)).body.email).toBe(self.email);
    });

    it('a superadmin resets someone else’s password without it: audited as user.password.reset, sessions end', async () => {
      const user = await createUser(t, admin);
      const sessions = [await login(t, user.email, user.password), await login(t, user.email, user.password)];
      const res = await patch(`/api/users/${user.id}`, { password: 'reset-by-the-admin' });
      expect(res.status).toBe(200);
      for (const s of sessions)
        expect((await t.http.post('/api/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
      const rows: Array<{ actor_id: string; tenant_id: string | null; details: any }> = await t.db.query(
        `SELECT actor_id, tenant_id, details FROM audit_log WHERE action = 'user.password.reset' AND entity_id = $1`,
        [user.id],
      );
      expect(rows).toEqual([
        {
          actor_id: adminId,
          tenant_id: null,
          details: { changed: ['password'], before: {}, after: {}, sessionsRevoked: 2 },
        },
      ]);
      await expect(login(t, user.email, 'reset-by-the-admin')).resolves.toBeDefined();
    });
  });

  describe('audit', () => {
    it('records user.create, user.update and user.delete on the platform chain, without passwords', async () => {
      const body = newUserBody({ firstName: 'Audited' });
      const created = await post('/api/users', body);
      const id = created.body.id;
      await patch(`/api/users/${id}`, { lastName: 'Later', password: 'another-password-1' });
      await del(`/api/users/${id}`);
      await sealAudit(t);
      const rows: Array<{
        action: string;
        tenant_id: string | null;
        actor_id: string;
        details: any;
        request_id: string;
      }> = await t.db.query(
        `SELECT action, tenant_id, actor_id, details, request_id FROM audit_log WHERE entity_type = 'user' AND entity_id = $1 ORDER BY seq`,
        [id],
      );
      expect(rows.map((r) => r.action)).toEqual(['user.create', 'user.password.reset', 'user.delete']);
      expect(rows.every((r) => r.tenant_id === null && r.actor_id === adminId)).toBe(true);
      expect(rows[0].request_id).toBe(created.headers.get('x-request-id'));
      expect(rows[0].details).toMatchObject({ username: body.username, email: body.email, firstName: 'Audited' });
      expect(rows[1].details).toEqual({
        changed: ['lastName', 'password'],
        before: { lastName: '' },
        after: { lastName: 'Later' },
        sessionsRevoked: 0,
      });
      expect(rows[2].details).toMatchObject({ username: body.username, email: body.email });
      const text = JSON.stringify(rows);
      expect(text).not.toContain(body.password);
      expect(text).not.toContain('another-password-1');
      expect(text).not.toContain('$argon2');
    });
  });
});
