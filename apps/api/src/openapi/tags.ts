/**
 * Every tag an operation may carry, with its description, in the order Swagger UI lists them. The
 * OpenAPI e2e test fails an operation whose tag is not listed here.
 */
export const API_TAGS: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'auth', description: 'Log in, refresh and revoke tokens, and who the caller is' },
  { name: 'users', description: 'Platform users (mostly superadmin), and mail to them' },
  { name: 'tenants', description: 'Tenants: each one a PostgreSQL schema of its own' },
  { name: 'tenant members', description: 'Who belongs to a tenant, and with which role (tenant admin)' },
  {
    name: 'schema',
    description: 'A tenant’s schema: versioned definitions, tables and columns, plans, rollback, drift',
  },
  {
    name: 'records',
    description: 'Rows of a tenant’s tables: lists with filters, CRUD, history and restore, aggregates',
  },
  { name: 'audit', description: 'The append-only, hash-chained audit trail of each tenant and of the platform' },
  { name: 'health', description: 'Liveness and readiness probes (no token)' },
  { name: 'metrics', description: 'Prometheus metrics (open unless METRICS_TOKEN is set)' },
];
