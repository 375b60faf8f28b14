import { ScaleTarget } from './scale-api';

export interface ManyTenantsOptions {
  tenants: number;
  seconds?: number;
  connections?: number;
}

export async function runManyTenantsBench(_target: ScaleTarget, _options: ManyTenantsOptions): Promise<void> {
  throw new Error('not yet');
}
