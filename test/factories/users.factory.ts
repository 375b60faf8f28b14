import type { TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

export interface CreatedUser {
  id: string;
  email: string;
  password: string;
  username: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/**
 * Creates a user through POST /api/users (a unique username and email unless overridden) and
 * returns what a test needs to log in as it.
 */
export async function createUser(
  t: TestApp,
  adminToken: string,
  overrides: Record<string, unknown> = {},
): Promise<CreatedUser> {
  const suffix = uniqueSuffix();
  const body = {
    username: `user_${suffix}`,
    email: `user_${suffix}@example.test`,
    password: `password-${suffix}`,
    ...overrides,
  };
  const res = await t.http.post('/api/users', body, { token: adminToken });
  if (res.status !== 201) throw new Error(`createUser failed: ${res.status} ${res.text}`);
  return {
    id: res.body.id as string,
    email: res.body.email as string,
    password: body.password as string,
    username: res.body.username as string,
  };
}

/** Logs in through POST /api/auth/login; throws unless it answers 200. */
export async function login(t: TestApp, email: string, password: string): Promise<TokenPair> {
  const res = await t.http.post('/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed for ${email}: ${res.status} ${res.text}`);
  return { accessToken: res.body.accessToken as string, refreshToken: res.body.refreshToken as string };
}
