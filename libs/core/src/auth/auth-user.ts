/** The authenticated caller, as the JWT strategy puts it on the request. */
export interface AuthUser {
  id: string;
  email: string;
  isSuperadmin: boolean;
}

export enum TenantRole {
  Admin = 'admin',
  Editor = 'editor',
  Viewer = 'viewer',
  Auditor = 'auditor',
}

export const TENANT_ROLES: readonly TenantRole[] = Object.values(TenantRole);
