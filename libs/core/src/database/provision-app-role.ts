import { Client } from 'pg';
import { Env } from '../config/env.schema';
import { quoteIdent } from '../sql/sql-identifier';
import { provisionedAppPassword } from './database-roles';
import { maintenanceUrl } from './database-url';

/**
 * Roles are cluster-wide, but advisory locks belong to one database: the lock is taken in the
 * maintenance database, so that starts against different databases of one server (test runs,
 * several deployments) do not create or alter the same role at once.
 */
const ROLE_LOCK_KEY = 732_300_002;

const CONFINED = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

/**
 * Creates DATABASE_APP_ROLE when it is missing, or resets it: a login role with no special power
 * and the derived password. Needs DATABASE_URL to be a superuser.
 */
export async function ensureAppRole(env: Env): Promise<void> {
  const role = quoteIdent(env.DATABASE_APP_ROLE);
  const client = new Client({ connectionString: maintenanceUrl(env.DATABASE_URL) });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ROLE_LOCK_KEY]);
    const password = client.escapeLiteral(provisionedAppPassword(env));
    const found = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [
      env.DATABASE_APP_ROLE,
    ]);
    // Never demote a superuser (DATABASE_URL's own role, say) that DATABASE_APP_ROLE happens to name.
    if (found.rows[0]?.rolsuper) {
      throw new Error(
        `DATABASE_APP_ROLE ${env.DATABASE_APP_ROLE} is an existing superuser; choose a role name of its own`,
      );
    }
    const verb = found.rowCount ? 'ALTER' : 'CREATE';
    await client.query(`${verb} ROLE ${role} ${CONFINED} PASSWORD ${password}`);
  } finally {
    await client.end(); // ends the session, and with it the advisory lock
  }
}
