/** The console's URLs, in one place so pages link to each other without spelling paths. */
export const CONSOLE_BASE = '/console';

export const paths = {
  signIn: `${CONSOLE_BASE}/signin`,
  tenants: `${CONSOLE_BASE}/tenants`,
  tables: (tenant: string) => `${CONSOLE_BASE}/t/${encodeURIComponent(tenant)}/tables`,
  table: (tenant: string, table: string) =>
    `${CONSOLE_BASE}/t/${encodeURIComponent(tenant)}/tables/${encodeURIComponent(table)}`,
  data: (tenant: string, table: string) =>
    `${CONSOLE_BASE}/t/${encodeURIComponent(tenant)}/tables/${encodeURIComponent(table)}/data`,
  imports: (tenant: string) => `${CONSOLE_BASE}/t/${encodeURIComponent(tenant)}/imports`,
  charts: (tenant: string) => `${CONSOLE_BASE}/t/${encodeURIComponent(tenant)}/charts`,
  audit: (tenant: string) => `${CONSOLE_BASE}/t/${encodeURIComponent(tenant)}/audit`,
};

/** The sign-in page, remembering where to go back to; `expired` says why the user is there. */
export function signInPath(next?: string, expired = false): string {
  const query = new URLSearchParams();
  if (next && next.startsWith(`${CONSOLE_BASE}/`) && !next.startsWith(paths.signIn)) query.set('next', next);
  if (expired) query.set('expired', '1');
  const search = query.toString();
  return search ? `${paths.signIn}?${search}` : paths.signIn;
}
