import { ConfigValidationError, loadEnv } from './load-env';

describe('loadEnv', () => {
  it('gives local defaults', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.WORKER_EMBEDDED).toBe(true);
    expect(env.JWT_ACCESS_TTL_SECONDS).toBe(900);
  });

  it('converts numbers and booleans', () => {
    const env = loadEnv({ PORT: '8080', WORKER_EMBEDDED: 'false' });
    expect(env.PORT).toBe(8080);
    expect(env.WORKER_EMBEDDED).toBe(false);
  });

  it('reports every problem in one line, naming each variable', () => {
    expect(() => loadEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' })).toThrow(
      /^Invalid configuration: PORT must be an integer number; DATABASE_URL must be a postgres:\/\/ URL; JWT_SECRET must be at least 32 characters$/,
    );
  });

  it('reads TRUST_PROXY as a hop count or a list of proxies, and refuses true', () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadEnv({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => loadEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY must be false, a number of proxy hops/);
  });

  it('refuses the default secrets in production', () => {
    let error: unknown;
    try {
      loadEnv({ NODE_ENV: 'production' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems).toEqual([
      'JWT_SECRET must be set in production (the default is refused)',
      'ADMIN_PASSWORD must be set in production (the default is refused)',
      'AUDIT_SIGNING_KEY must be set in production',
    ]);
  });

  it('accepts production with its own secrets', () => {
    expect(
      loadEnv({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(40),
        ADMIN_PASSWORD: 'a-long-password',
        AUDIT_SIGNING_KEY: 'a-key-checked-when-the-audit-module-starts',
      }).NODE_ENV,
    ).toBe('production');
  });
});
