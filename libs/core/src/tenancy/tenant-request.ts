import { AuthenticatedRequest } from '../auth/auth.decorators';
import { TenantContext } from './tenant-context';

/** A request whose `:tenant` the `AccessPolicyGuard` resolved. */
export type TenantRequest = AuthenticatedRequest & { tenant?: TenantContext };

export const TENANT_NOT_FOUND = 'TENANT_NOT_FOUND';
