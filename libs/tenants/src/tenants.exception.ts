/** Error codes of the tenants lib (besides the shared ones in `CoreErrorCode`). */
export enum TenantsErrorCode {
  TENANT_NOT_FOUND = 'TENANT_NOT_FOUND',
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  MEMBER_NOT_FOUND = 'MEMBER_NOT_FOUND',
  ALREADY_MEMBER = 'ALREADY_MEMBER',
  LAST_ADMIN = 'LAST_ADMIN',
  CONFIRMATION_REQUIRED = 'CONFIRMATION_REQUIRED',
}
