import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { Env } from '../config/env.schema';
import { roleOf, withLogin } from './database-url';

/**
 * Who does what in the database. The owner (DATABASE_URL) runs the platform migrations and owns
 * `audit_log`; the app's own queries run as `appRole`, which owns neither it nor anything else
 * outside the tenant schemas, so no statement the app sends can switch the audit trigger off.
 */
export interface DatabaseRoles {
  appUrl: string;
  /** The app's role; null when the app runs as the owner (a non-superuser DATABASE_URL alone, outside production). */
  appRole: string | null;
  /** Whether Strata creates and maintains `appRole` itself (DATABASE_URL is a superuser, DATABASE_APP_URL unset). */
  provisioned: boolean;
}

/**
 * The provisioned role's password, derived from JWT_SECRET, so that every process of a deployment
 * (API, worker, more of each) arrives at the same one without another secret to share.
 */
export function provisionedAppPassword(env: Env): string {
  return createHmac('sha256', env.JWT_SECRET)
    .update(`strata database role ${env.DATABASE_APP_ROLE}`)
    .digest('base64url');
}

export async function isSuperuser(databaseUrl: string): Promise<boolean> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolsuper: boolean }>(
      'SELECT rolsuper FROM pg_roles WHERE rolname = current_user',
    );
    return rows[0]?.rolsuper === true;
  } finally {
    await client.end();
  }
}

/** Decides the app's role from the environment (and, when DATABASE_APP_URL is unset, from DATABASE_URL's role). */
export async function resolveDatabaseRoles(env: Env): Promise<DatabaseRoles> {
  if (env.DATABASE_APP_URL) {
    if (roleOf(env.DATABASE_APP_URL) === roleOf(env.DATABASE_URL)) {
      throw new Error('DATABASE_APP_URL must name another role than DATABASE_URL, one that owns no platform table');
    }
    return { appUrl: env.DATABASE_APP_URL, appRole: roleOf(env.DATABASE_APP_URL), provisioned: false };
  }
  if (await isSuperuser(env.DATABASE_URL)) {
    const appUrl = withLogin(env.DATABASE_URL, env.DATABASE_APP_ROLE, provisionedAppPassword(env));
    return { appUrl, appRole: env.DATABASE_APP_ROLE, provisioned: true };
  }
  if (env.NODE_ENV === 'production') {
    throw new Error(
      `DATABASE_URL's role ${roleOf(env.DATABASE_URL)} is not a superuser, so Strata cannot provision the role its ` +
        'queries run as: set DATABASE_APP_URL to a second role (see docs/operations.md, "Database roles")',
    );
  }
  return { appUrl: env.DATABASE_URL, appRole: null, provisioned: false };
}
