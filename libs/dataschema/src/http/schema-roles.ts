import { TenantRole, TenantRoles } from '@app/core';

/**
 * Reading the definition: admins and auditors (API.md: "read schema"), and editors and viewers,
 * who need the tables, columns and types to work with records. Changing it: admins only.
 */
export const SchemaReaders = () =>
  TenantRoles(TenantRole.Admin, TenantRole.Editor, TenantRole.Viewer, TenantRole.Auditor);
export const SchemaAdmins = () => TenantRoles(TenantRole.Admin);
