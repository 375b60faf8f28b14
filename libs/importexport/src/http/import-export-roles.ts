import { TenantRole, TenantRoles } from '@app/core';

/** Imports and exports: tenant admins and editors (they write and read records). */
export const ImportExportUsers = () => TenantRoles(TenantRole.Admin, TenantRole.Editor);
