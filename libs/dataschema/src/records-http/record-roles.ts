import { TenantRole, TenantRoles } from '@app/core';

/** Reading records: viewers, editors and admins (auditors see no records; superadmins pass every policy). */
export const RecordReaders = () => TenantRoles(TenantRole.Admin, TenantRole.Editor, TenantRole.Viewer);
/** Writing records: editors and admins. */
export const RecordWriters = () => TenantRoles(TenantRole.Admin, TenantRole.Editor);
