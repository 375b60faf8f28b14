/** A member's role in a tenant (API.md, Roles), or `superadmin`, who may do everything everywhere. */
export type TenantRole = 'admin' | 'editor' | 'viewer' | 'auditor';
export type Role = TenantRole | 'superadmin';

/** What a role may do in a tenant, mirroring the server's access policies; the server still decides (403). */
export interface Permissions {
  /** Table list, columns, diagram, versions (admin, editor, viewer; auditors only through the API). */
  readSchema: boolean;
  /** Create and change tables and columns, apply plans, roll back. */
  editSchema: boolean;
  /** Read rows and aggregates (grid, charts). */
  readRecords: boolean;
  /** Create, edit, delete and restore rows. */
  editRecords: boolean;
  /** Imports and exports. */
  importExport: boolean;
  /** The tenant's audit trail, verification and export. */
  readAudit: boolean;
  /** Add, change and remove members. */
  manageMembers: boolean;
}

const ALL: Permissions = {
  readSchema: true,
  editSchema: true,
  readRecords: true,
  editRecords: true,
  importExport: true,
  readAudit: true,
  manageMembers: true,
};
const NONE: Permissions = {
  readSchema: false,
  editSchema: false,
  readRecords: false,
  editRecords: false,
  importExport: false,
  readAudit: false,
  manageMembers: false,
};

const BY_ROLE: Record<Role, Permissions> = {
  superadmin: ALL,
  admin: ALL,
  editor: { ...NONE, readSchema: true, readRecords: true, editRecords: true, importExport: true },
  viewer: { ...NONE, readSchema: true, readRecords: true },
  // The console gives auditors the audit area only (they may read the schema through the API).
  auditor: { ...NONE, readAudit: true },
};

export function permissionsOf(role: Role | null): Permissions {
  return role ? BY_ROLE[role] : NONE;
}

export function isTenantRole(value: string): value is TenantRole {
  return value === 'admin' || value === 'editor' || value === 'viewer' || value === 'auditor';
}
