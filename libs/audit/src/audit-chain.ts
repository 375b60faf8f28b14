import { raw, sql, SqlQuery } from '@app/core';

/** The id under which the platform chain (entries with no tenant) is named in anchors and routes. */
export const PLATFORM_CHAIN = 'platform';

/** The null-safe key of a chain in SQL: the platform chain's tenant_id is NULL. */
export const PLATFORM_CHAIN_UUID = '00000000-0000-0000-0000-000000000000';

/** `platform` for the platform chain (tenantId null), the tenant id otherwise. */
export const chainName = (tenantId: string | null): string => tenantId ?? PLATFORM_CHAIN;

/** The tenant id of a chain name; null for the platform chain. */
export const chainTenantId = (chain: string): string | null => (chain === PLATFORM_CHAIN ? null : chain);

/** The chain key of a row in SQL, matching the indexes `audit_log_chain_seq_key` and `audit_log_unsealed_idx`. */
export const CHAIN_KEY = raw(`coalesce(tenant_id, '${PLATFORM_CHAIN_UUID}'::uuid)`);

/** The key of the chain of `tenantId` (null: the platform's), to compare with CHAIN_KEY. */
export const chainKey = (tenantId: string | null): SqlQuery =>
  sql`coalesce(${tenantId}::uuid, ${raw(`'${PLATFORM_CHAIN_UUID}'`)}::uuid)`;
