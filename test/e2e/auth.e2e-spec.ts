import { createHash, createHmac } from 'node:crypto';
import { createUser, login } from '../factories/users.factory';
import { startTestApp, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD, TestApp } from '../utils/test-app';

const ERROR_KEYS = ['statusCode', 'error', 'code', 'message', 'requestId'];

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs a JWT by hand, so tests can make expired, foreign-algorithm and unsigned tokens. */
function signJwt(payload: Record<string, unknown>, secret: string, alg: 'HS256' | 'HS512' | 'none' = 'HS256'): string {
  const head = `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}`;
  if (alg === 'none') return `${head}.`;
  const hmac = createHmac(alg === 'HS256' ? 'sha256' : 'sha512', secret)
    .update(head)
    .digest('base64url');
  return `${head}.${hmac}`;
}

/** The value of `strata_auth_refresh_total{outcome=...}` in a /metrics text, 0 when absent. */
function counter(metrics: string, outcome: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`strata_auth_refresh_total{outcome="${outcome}"} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
const now = () => Math.floor(Date.now() / 1000);

function expectError(res: { status: number; body: any; headers: Headers }, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(Object.keys(res.body)).toEqual(expect.arrayContaining(ERROR_KEYS));
  expect(res.body.statusCode).toBe(status);
  if (code) expect(res.body.code).toBe(code);
  expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
}

describe('auth', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });

  afterAll(() => t.close());

  const me = (token: string) => t.http.get('/api/auth/me', { token });
  const refresh = (refreshToken: string) => t.http.post('/api/auth/refresh', { refreshToken });

  describe('login', () => {
    it('returns a token pair and the user, and never the password', async () => {
      const user = await createUser(t, admin, { firstName: 'Lena' });
      const res = await t.http.post('/api/auth/login', { email: user.email, password: user.password });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        user: expect.objectContaining({ id: user.id, email: user.email, firstName: 'Lena', isActive: true }),
      });
      expect(res.body.user.lastLoginAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/));
      expect(res.text).not.toContain(user.password);
      expect(res.text).not.toMatch(/password/i);
      const claims = decode(res.body.accessToken);
      expect(claims).toMatchObject({ sub: user.id, email: user.email, typ: 'access' });
      expect(claims.exp - claims.iat).toBe(900);
      expect(JSON.parse(Buffer.from(res.body.accessToken.split('.')[0], 'base64url').toString())).toMatchObject({
        alg: 'HS256',
      });
      expect((await me(res.body.accessToken)).status).toBe(200);
    });

    it('accepts the email in any case', async () => {
      const user = await createUser(t, admin);
      const res = await t.http.post('/api/auth/login', {
        email: `  ${user.email.toUpperCase()} `,
        password: user.password,
      });
      expect(res.status).toBe(200);
    });

    it('answers a wrong password and an unknown email with the same 401 (only requestId differs)', async () => {
      const user = await createUser(t, admin);
      const wrong = await t.http.post('/api/auth/login', { email: user.email, password: 'not-the-password' });
      const unknown = await t.http.post('/api/auth/login', {
        email: 'nobody-here@example.test',
        password: 'whatever-1',
      });
      expectError(wrong, 401, 'INVALID_CREDENTIALS');
      expectError(unknown, 401, 'INVALID_CREDENTIALS');
      const { requestId: a, ...wrongRest } = wrong.body;
      const { requestId: b, ...unknownRest } = unknown.body;
      expect(a).not.toBe(b);
      expect(wrongRest).toEqual(unknownRest);
    });

    it('refuses an inactive user with the same 401, even with the right password', async () => {
      const user = await createUser(t, admin, { isActive: false });
      const res = await t.http.post('/api/auth/login', { email: user.email, password: user.password });
      expectError(res, 401, 'INVALID_CREDENTIALS');
      expect(res.body.message).toBe('Invalid email or password');
    });

    it('refuses a body over 16 KB with 413 before parsing it', async () => {
      const big = await t.http.post('/api/auth/login', { email: 'x@example.test', password: 'p'.repeat(17 * 1024) });
      expectError(big, 413, 'PAYLOAD_TOO_LARGE');
      const notEvenJson = await t.http.request('POST', '/api/auth/login', {
        headers: { 'content-type': 'application/json' },
        rawBody: '{'.repeat(17 * 1024),
      });
      expectError(notEvenJson, 413, 'PAYLOAD_TOO_LARGE');
      expectError(await t.http.post('/api/auth/refresh', { refreshToken: 'r'.repeat(17 * 1024) }), 413);
      // Just under the limit, the body is parsed and validated as usual.
      const fits = await t.http.post('/api/auth/login', { email: 'x@example.test', password: 'p'.repeat(15 * 1024) });
      expectError(fits, 400, 'VALIDATION_FAILED');
    });

    it('validates the body', async () => {
      const res = await t.http.post('/api/auth/login', { email: 'x@example.test' });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'password' })]));
    });

    it('updates lastLoginAt and audits auth.login and auth.login.failed (without the password)', async () => {
      const user = await createUser(t, admin);
      const before = await t.http.get(`/api/users/${user.id}`, { token: admin });
      expect(before.body.lastLoginAt).toBeNull();
      await t.http.post('/api/auth/login', { email: user.email, password: 'wrong-password-123' });
      await login(t, user.email, user.password);
      const after = await t.http.get(`/api/users/${user.id}`, { token: admin });
      expect(after.body.lastLoginAt).not.toBeNull();

      const rows: Array<{ action: string; actor_id: string | null; tenant_id: string | null; details: any }> =
        await t.db.query(
          `SELECT action, actor_id, tenant_id, details FROM audit_log
            WHERE action IN ('auth.login', 'auth.login.failed') AND details->>'email' = $1 ORDER BY seq`,
          [user.email],
        );
      expect(rows.map((r) => r.action)).toEqual(['auth.login.failed', 'auth.login']);
      expect(rows[0].details).toEqual({ email: user.email, reason: 'wrong_password' });
      expect(rows[0].actor_id).toBeNull();
      expect(rows[1].actor_id).toBe(user.id);
      expect(rows.every((r) => r.tenant_id === null)).toBe(true);
      expect(JSON.stringify(rows)).not.toContain('wrong-password-123');
      expect(JSON.stringify(rows)).not.toContain(user.password);
    });
  });

  describe('refresh tokens', () => {
    it('are stored only as sha256 hashes', async () => {
      const user = await createUser(t, admin);
      const { refreshToken } = await login(t, user.email, user.password);
      expect(refreshToken.length).toBeGreaterThanOrEqual(43);
      const rows: Array<{ token_hash: string }> = await t.db.query(
        'SELECT token_hash FROM refresh_tokens WHERE user_id = $1',
        [user.id],
      );
      expect(rows).toEqual([{ token_hash: createHash('sha256').update(refreshToken).digest('hex') }]);
    });

    it('rotate: the new pair works and the old refresh token stops working', async () => {
      const user = await createUser(t, admin);
      const first = await login(t, user.email, user.password);
      const res = await refresh(first.refreshToken);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
      expect(res.body.refreshToken).not.toBe(first.refreshToken);
      expect((await me(res.body.accessToken)).status).toBe(200);
      expectError(await refresh(first.refreshToken), 401, 'INVALID_TOKEN');
    });

    it('reuse of a spent token revokes the whole family, including the newer token', async () => {
      const user = await createUser(t, admin);
      const first = await login(t, user.email, user.password);
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);
      expectError(await refresh(first.refreshToken), 401, 'INVALID_TOKEN');
      expectError(await refresh(second.body.refreshToken), 401, 'INVALID_TOKEN');
      const rows: Array<{ revoked: boolean }> = await t.db.query(
        'SELECT revoked_at IS NOT NULL AS revoked FROM refresh_tokens WHERE user_id = $1',
        [user.id],
      );
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.revoked)).toBe(true);
    });

    it('reuse is audited as auth.refresh.reuse on the platform chain and counted, like rotations', async () => {
      const user = await createUser(t, admin);
      const first = await login(t, user.email, user.password);
      const before = await t.http.get('/metrics');
      expect((await refresh(first.refreshToken)).status).toBe(200);
      expect((await refresh(first.refreshToken)).status).toBe(401);
      const after = await t.http.get('/metrics');
      expect(counter(after.text, 'rotated') - counter(before.text, 'rotated')).toBe(1);
      expect(counter(after.text, 'reuse') - counter(before.text, 'reuse')).toBe(1);

      const rows: Array<{ tenant_id: string | null; entity_id: string; actor_id: string | null; details: any }> =
        await t.db.query(
          `SELECT tenant_id, entity_id, actor_id, details FROM audit_log WHERE action = 'auth.refresh.reuse' AND entity_id = $1`,
          [user.id],
        );
      expect(rows).toEqual([
        {
          tenant_id: null,
          entity_id: user.id,
          actor_id: null,
          details: { familyId: expect.any(String), revokedTokens: 2 },
        },
      ]);
      const verify = await t.http.get('/api/audit/verify', { token: admin });
      expect(verify.body.valid).toBe(true);
    });

    it('reuse revokes only that family, not other sessions', async () => {
      const user = await createUser(t, admin);
      const sessionA = await login(t, user.email, user.password);
      const sessionB = await login(t, user.email, user.password);
      expect((await refresh(sessionA.refreshToken)).status).toBe(200);
      expect((await refresh(sessionA.refreshToken)).status).toBe(401);
      expect((await refresh(sessionB.refreshToken)).status).toBe(200);
    });

    it('unknown or malformed tokens are 401 INVALID_TOKEN; a missing one is 400', async () => {
      expectError(await refresh('not-a-real-token'), 401, 'INVALID_TOKEN');
      expectError(await t.http.post('/api/auth/refresh', {}), 400, 'VALIDATION_FAILED');
    });

    it('expired tokens are refused', async () => {
      const user = await createUser(t, admin);
      const { refreshToken } = await login(t, user.email, user.password);
      await t.db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
        user.id,
      ]);
      expectError(await refresh(refreshToken), 401, 'INVALID_TOKEN');
    });
  });

  describe('logout', () => {
    it('revokes the refresh token (204) and audits auth.logout', async () => {
      const user = await createUser(t, admin);
      const pair = await login(t, user.email, user.password);
      const res = await t.http.post(
        '/api/auth/logout',
        { refreshToken: pair.refreshToken },
        { token: pair.accessToken },
      );
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectError(await refresh(pair.refreshToken), 401, 'INVALID_TOKEN');
      const rows = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'auth.logout' AND actor_id = $1`, [
        user.id,
      ]);
      expect(rows).toHaveLength(1);
    });

    it('needs an access token', async () => {
      const user = await createUser(t, admin);
      const pair = await login(t, user.email, user.password);
      expectError(await t.http.post('/api/auth/logout', { refreshToken: pair.refreshToken }), 401);
      expect((await refresh(pair.refreshToken)).status).toBe(200);
    });

    it("cannot revoke someone else's token", async () => {
      const owner = await createUser(t, admin);
      const other = await createUser(t, admin);
      const ownerPair = await login(t, owner.email, owner.password);
      const otherPair = await login(t, other.email, other.password);
      const res = await t.http.post(
        '/api/auth/logout',
        { refreshToken: ownerPair.refreshToken },
        { token: otherPair.accessToken },
      );
      expect(res.status).toBe(204);
      expect((await refresh(ownerPair.refreshToken)).status).toBe(200);
    });
  });

  describe('access tokens', () => {
    let user: Awaited<ReturnType<typeof createUser>>;
    const claims = () => ({ sub: user.id, email: user.email, typ: 'access', iat: now(), exp: now() + 600 });

    beforeAll(async () => {
      user = await createUser(t, admin);
    });

    it('a token we sign ourselves with the secret works (control for the cases below)', async () => {
      expect((await me(signJwt(claims(), t.env.JWT_SECRET))).status).toBe(200);
    });

    it('no token: 401 UNAUTHORIZED in the error shape', async () => {
      expectError(await t.http.get('/api/auth/me'), 401, 'UNAUTHORIZED');
      expectError(await t.http.get('/api/users'), 401, 'UNAUTHORIZED');
    });

    it('an expired token: 401', async () => {
      const expired = signJwt({ ...claims(), iat: now() - 1000, exp: now() - 10 }, t.env.JWT_SECRET);
      expectError(await me(expired), 401, 'INVALID_TOKEN');
    });

    it('a tampered token: 401', async () => {
      const { accessToken } = await login(t, user.email, user.password);
      const [head, , signature] = accessToken.split('.');
      const forged = `${head}.${b64url({ ...decode(accessToken), sub: user.id, email: TEST_ADMIN_EMAIL })}.${signature}`;
      expectError(await me(forged), 401, 'INVALID_TOKEN');
      const flipped = accessToken.slice(0, -2) + (accessToken.endsWith('AA') ? 'BB' : 'AA');
      expectError(await me(flipped), 401, 'INVALID_TOKEN');
    });

    it('a token signed with another secret: 401', async () => {
      expectError(await me(signJwt(claims(), 'another-secret-that-is-long-enough-1234')), 401, 'INVALID_TOKEN');
    });

    it('HS512 or alg none, even with the right secret: 401', async () => {
      expectError(await me(signJwt(claims(), t.env.JWT_SECRET, 'HS512')), 401, 'INVALID_TOKEN');
      expectError(await me(signJwt(claims(), t.env.JWT_SECRET, 'none')), 401, 'INVALID_TOKEN');
    });

    it('a token without typ access: 401', async () => {
      const { typ: _typ, ...rest } = claims();
      expectError(await me(signJwt(rest, t.env.JWT_SECRET)), 401, 'INVALID_TOKEN');
    });

    it('a valid token of a deactivated or deleted user: 401', async () => {
      const gone = await createUser(t, admin);
      const { accessToken } = await login(t, gone.email, gone.password);
      expect((await me(accessToken)).status).toBe(200);
      await t.http.patch(`/api/users/${gone.id}`, { isActive: false }, { token: admin });
      expectError(await me(accessToken), 401);
      await t.http.delete(`/api/users/${gone.id}`, { token: admin });
      expectError(await me(accessToken), 401);
    });

    it('a garbage bearer value: 401', async () => {
      expectError(await me('abc.def'), 401);
      expectError(await t.http.get('/api/auth/me', { headers: { authorization: 'Basic Zm9vOmJhcg==' } }), 401);
    });
  });

  describe('me', () => {
    it('has the user fields at the top level, under user, isSuperadmin and memberships', async () => {
      const user = await createUser(t, admin, { lastName: 'Smith' });
      const { accessToken } = await login(t, user.email, user.password);
      const res = await me(accessToken);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: user.id,
        email: user.email,
        username: user.username,
        lastName: 'Smith',
        isSuperadmin: false,
        memberships: [],
      });
      const { user: nested, memberships: _m, ...top } = res.body;
      expect(nested).toEqual(top);
      expect(res.text).not.toMatch(/password/i);
    });

    it('is superadmin for the seeded admin', async () => {
      const res = await me(admin);
      expect(res.body).toMatchObject({ email: TEST_ADMIN_EMAIL, isSuperadmin: true });
    });

    it('lists memberships with tenant slug, name and role', async () => {
      const user = await createUser(t, admin);
      const slug = `me_${Date.now().toString(36)}`;
      const [tenant]: Array<{ id: string }> = await t.db.query(
        `INSERT INTO tenants (name, slug, schema_name) VALUES ($1, $2, $3) RETURNING id`,
        ['Me Tenant', slug, `tenant_${slug}`],
      );
      await t.db.query(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'editor')`, [
        tenant.id,
        user.id,
      ]);
      const { accessToken } = await login(t, user.email, user.password);
      const res = await me(accessToken);
      expect(res.body.memberships).toEqual([{ tenantId: tenant.id, slug, name: 'Me Tenant', role: 'editor' }]);
    });
  });

  it('the seeded superadmin exists once and its creation is audited by the system', async () => {
    const users = await t.db.query(`SELECT id FROM users WHERE is_superadmin`);
    expect(users).toHaveLength(1);
    const rows = await t.db.query(
      `SELECT actor_id, actor_email FROM audit_log WHERE action = 'user.create' AND entity_id = $1`,
      [users[0].id],
    );
    expect(rows).toEqual([{ actor_id: null, actor_email: 'system' }]);
    await expect(login(t, TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD)).resolves.toBeDefined();
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  let admin: string;
  // One trusted hop: the address is the last one X-Forwarded-For names, whatever the client put before it.
  const limits = {
    LOGIN_RATE_LIMIT: '3',
    LOGIN_RATE_WINDOW_SECONDS: '60',
    LOGIN_ACCOUNT_FAILURE_LIMIT: '6',
    REFRESH_RATE_LIMIT: '3',
    TRUST_PROXY: '1',
  };

  beforeAll(async () => {
    t = await startTestApp(limits);
    admin = await t.adminToken(); // from 127.0.0.1: one of that address's three attempts
  });

  const closeLast: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const close of closeLast) await close();
    await t.close();
  });

  const attempt = (email: string, ip: string, password = 'wrong-password') =>
    t.http.post('/api/auth/login', { email, password }, { headers: { 'x-forwarded-for': ip } });

  it('limits attempts per client IP: the 4th is 429 RATE_LIMITED with Retry-After', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt(`ip-${i}@example.test`, '10.0.0.1')).status).toBe(401);
    const res = await attempt('ip-9@example.test', '10.0.0.1');
    expectError(res, 429, 'RATE_LIMITED');
    expect(res.body.error).toBe('Too Many Requests');
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another address is not affected.
    expect((await attempt('ip-9@example.test', '10.0.0.2')).status).toBe(401);
  });

  it('takes the address from the trusted hop only: a client cannot pick it through X-Forwarded-For', async () => {
    const email = `spoof-${Date.now()}@example.test`;
    for (let i = 0; i < 3; i++) expect((await attempt(email, `203.0.113.${i}, 10.3.0.1`)).status).toBe(401);
    expectError(await attempt(email, '203.0.113.99, 10.3.0.1'), 429, 'RATE_LIMITED');
    const rows: Array<{ ip: string }> = await t.db.query(
      `SELECT ip FROM audit_log WHERE action = 'auth.login.failed' AND details->>'email' = $1`,
      [email],
    );
    expect(rows.map((r) => r.ip)).toEqual(['10.3.0.1', '10.3.0.1', '10.3.0.1']);
  });

  it('counts failures per account and address: a stranger’s failures never refuse the right password', async () => {
    const user = await createUser(t, admin);
    for (let i = 0; i < 3; i++) {
      const email = i % 2 ? user.email.toUpperCase() : user.email;
      expect((await attempt(email, '10.1.0.1')).status).toBe(401);
    }
    // That address has spent its failures on this account, even with the right password...
    const refused = await attempt(user.email, '10.1.0.1', user.password);
    expectError(refused, 429, 'RATE_LIMITED');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    // ...but the owner, from their own address, gets in.
    expect((await attempt(user.email, '10.1.0.2', user.password)).status).toBe(200);
  });

  it('refuses every address once the account reaches its much higher failure ceiling', async () => {
    const user = await createUser(t, admin);
    for (let i = 0; i < 6; i++) expect((await attempt(user.email, `10.6.0.${i}`)).status).toBe(401);
    expectError(await attempt(user.email, '10.6.0.100', user.password), 429, 'RATE_LIMITED');
    // Other accounts are not affected.
    const other = await createUser(t, admin);
    expect((await attempt(other.email, '10.6.0.100', other.password)).status).toBe(200);
  });

  it('limits refreshes per client address too', async () => {
    const refreshFrom = (ip: string) =>
      t.http.post('/api/auth/refresh', { refreshToken: 'not-a-real-token' }, { headers: { 'x-forwarded-for': ip } });
    for (let i = 0; i < 3; i++) expect((await refreshFrom('10.4.0.1')).status).toBe(401);
    const res = await refreshFrom('10.4.0.1');
    expectError(res, 429, 'RATE_LIMITED');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refreshFrom('10.4.0.2')).status).toBe(401);
  });

  it('limits guessing the current password with a stolen access token like logins', async () => {
    const user = await createUser(t, admin);
    const { accessToken } = await login(t, user.email, user.password);
    const change = (currentPassword: string) =>
      t.http.patch(
        `/api/users/${user.id}`,
        { password: 'stolen-and-changed', currentPassword },
        { token: accessToken, headers: { 'x-forwarded-for': '10.7.0.1' } },
      );
    for (let i = 0; i < 3; i++) expect((await change(`guess-${i}-password`)).status).toBe(401);
    expectError(await change('guess-4-password'), 429, 'RATE_LIMITED');
  });

  it('shares the limits between API instances through Redis', async () => {
    const second = await startTestApp({ ...limits, QUEUE_PREFIX: t.env.QUEUE_PREFIX });
    try {
      const ip = '10.2.0.1';
      const viaSecond = (email: string) =>
        second.http.post(
          '/api/auth/login',
          { email, password: 'x-wrong-pass' },
          { headers: { 'x-forwarded-for': ip } },
        );
      expect((await attempt('shared-1@example.test', ip)).status).toBe(401);
      expect((await viaSecond('shared-2@example.test')).status).toBe(401);
      expect((await attempt('shared-3@example.test', ip)).status).toBe(401);
      expectError(await viaSecond('shared-4@example.test'), 429, 'RATE_LIMITED');
    } finally {
      // Passport keeps one global 'jwt' strategy, the last app's: close this one only at the end.
      closeLast.push(() => second.app.close());
    }
  });

  it('does not limit other routes', async () => {
    for (let i = 0; i < 6; i++) expect((await t.http.get('/api/auth/me', { token: admin })).status).toBe(200);
  });
});

describe('password hashing under load', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE_LIMIT: '1' });
  });

  afterAll(() => t.close());

  it('runs a bounded number of hashes and answers the rest 503 with Retry-After', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.http.post('/api/auth/login', { email: `flood-${i}@example.test`, password: 'flood-password' }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(2);
    const busy = results.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    expectError(busy[0], 503, 'SERVICE_UNAVAILABLE');
    expect(busy[0].headers.get('retry-after')).toBe('1');
    // Once the flood is over, logins are served again.
    expect(
      (await t.http.post('/api/auth/login', { email: TEST_ADMIN_EMAIL, password: TEST_ADMIN_PASSWORD })).status,
    ).toBe(200);
  });
});
