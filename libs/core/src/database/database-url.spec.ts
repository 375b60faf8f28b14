import { loadEnv } from '../config/load-env';
import { provisionedAppPassword } from './database-roles';
import { databaseName, maintenanceUrl, roleOf, withLogin } from './database-url';

describe('database URLs', () => {
  const url = 'postgres://owner:secret@db.example:5433/strata?sslmode=require';

  it('reads the database and the role', () => {
    expect(databaseName(url)).toBe('strata');
    expect(roleOf(url)).toBe('owner');
    expect(() => databaseName('postgres://owner@db.example:5433')).toThrow(/names no database/);
  });

  it('swaps the login, keeping server, database and options, with any character in the password', () => {
    const swapped = withLogin(url, 'strata_app', 'p@ss:w/rd?#');
    expect(roleOf(swapped)).toBe('strata_app');
    expect(decodeURIComponent(new URL(swapped).password)).toBe('p@ss:w/rd?#');
    expect(new URL(swapped).host).toBe('db.example:5433');
    expect(databaseName(swapped)).toBe('strata');
    expect(new URL(swapped).searchParams.get('sslmode')).toBe('require');
  });

  it('points at the maintenance database of the same server', () => {
    expect(maintenanceUrl(url)).toBe('postgres://owner:secret@db.example:5433/postgres?sslmode=require');
  });
});

describe('the provisioned role password', () => {
  const env = (overrides: Record<string, string>) =>
    loadEnv({ JWT_SECRET: 'a-secret-of-at-least-thirty-two-characters', ...overrides });

  it('is the same for every process that shares JWT_SECRET and the role name, and differs otherwise', () => {
    const password = provisionedAppPassword(env({}));
    expect(provisionedAppPassword(env({}))).toBe(password);
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(provisionedAppPassword(env({ JWT_SECRET: 'another-secret-of-at-least-thirty-two-chars' }))).not.toBe(
      password,
    );
    expect(provisionedAppPassword(env({ DATABASE_APP_ROLE: 'other_app' }))).not.toBe(password);
    expect(password).not.toContain('a-secret');
  });
});
