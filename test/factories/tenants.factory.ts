import type { TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

export type TenantRoleName = 'admin' | 'editor' | 'viewer' | 'auditor';

export interface CreatedTenant {
  id: string;
  name: string;
  slug: string;
  description: string;
  schemaName: string;
  createdAt: string;
  updatedAt: string;
}

/** A slug that matches the slug pattern and collides with no other test's. */
export const uniqueSlug = (prefix = 't'): string => `${prefix}_${uniqueSuffix()}`;

/**
 * Creates a tenant through POST /api/tenants as a superadmin (a unique slug unless overridden,
 * e.g. `{ adminEmail }`); throws unless it answers 201.
 */
export async function createTenant(
  t: TestApp,
  adminToken: string,
  overrides: Record<string, unknown> = {},
): Promise<CreatedTenant> {
  const slug = (overrides.slug as string | undefined) ?? uniqueSlug();
  const res = await t.http.post('/api/tenants', { name: `Tenant ${slug}`, slug, ...overrides }, { token: adminToken });
  if (res.status !== 201) throw new Error(`createTenant failed: ${res.status} ${res.text}`);
  return res.body as CreatedTenant;
}

/** Adds a user by email through POST /api/tenants/:tenant/members; throws unless it answers 201. */
export async function addMember(
  t: TestApp,
  token: string,
  slug: string,
  email: string,
  role: TenantRoleName,
): Promise<void> {
  const res = await t.http.post(`/api/tenants/${slug}/members`, { email, role }, { token });
  if (res.status !== 201) throw new Error(`addMember failed: ${res.status} ${res.text}`);
}

/** Deletes a tenant (and its schema) as a superadmin; a tenant already gone is fine. */
export async function deleteTenant(t: TestApp, adminToken: string, slug: string): Promise<void> {
  const res = await t.http.delete(`/api/tenants/${slug}?confirm=${slug}`, { token: adminToken });
  if (res.status !== 204 && res.status !== 404) throw new Error(`deleteTenant failed: ${res.status} ${res.text}`);
}
