import { Client } from 'pg';

interface Powers {
  role: string;
  superuser: boolean;
  owns_audit_log: boolean;
  may_change_audit_log: boolean;
}

/**
 * Refuses to start when the app's role could switch the audit trigger off or rewrite entries:
 * a superuser, the owner of `audit_log` (or a member of its owner's role), or a role granted
 * UPDATE, DELETE or TRUNCATE on it. Checked over the app's own connection.
 */
export async function assertAppRoleConfined(appUrl: string): Promise<void> {
  const client = new Client({ connectionString: appUrl });
  await client.connect();
  try {
    const { rows } = await client.query<Powers>(
      `SELECT current_user AS role, r.rolsuper AS superuser,
              pg_has_role(current_user, c.relowner, 'MEMBER') AS owns_audit_log,
              has_table_privilege(current_user, c.oid, 'UPDATE, DELETE, TRUNCATE') AS may_change_audit_log
         FROM pg_roles r, pg_class c
        WHERE r.rolname = current_user AND c.oid = 'public.audit_log'::regclass`,
    );
    const powers = rows[0];
    const problems = [
      powers.superuser && 'is a superuser',
      powers.owns_audit_log && 'owns audit_log (or may act as its owner)',
      powers.may_change_audit_log && 'may UPDATE, DELETE or TRUNCATE audit_log',
    ].filter(Boolean);
    if (problems.length > 0) {
      throw new Error(
        `The app's database role ${powers.role} ${problems.join(', ')}; it must be a role of its own that owns ` +
          'nothing outside the tenant schemas (see docs/operations.md, "Database roles")',
      );
    }
  } finally {
    await client.end();
  }
}
