import { join, raw, sql, SqlQuery } from '@app/core';
import { CHAIN_KEY, chainKey } from './audit-chain';

export interface AuditFilter {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The WHERE clause of the sealed entries of one chain (a tenant's, or the platform's when tenantId
 * is null) and the filters. The chain is named as the index on (chain, seq) names it.
 */
export function auditWhere(tenantId: string | null, filter: AuditFilter): SqlQuery {
  const conditions: SqlQuery[] = [sql`${CHAIN_KEY} = ${chainKey(tenantId)}`, sql`seq IS NOT NULL`];
  if (filter.actor) {
    conditions.push(
      UUID.test(filter.actor) ? sql`actor_id = ${filter.actor}` : sql`lower(actor_email) = lower(${filter.actor})`,
    );
  }
  if (filter.action) conditions.push(sql`action = ${filter.action}`);
  if (filter.entityType) conditions.push(sql`entity_type = ${filter.entityType}`);
  if (filter.entityId) conditions.push(sql`entity_id = ${filter.entityId}`);
  if (filter.from) conditions.push(sql`at >= ${filter.from}`);
  if (filter.to) conditions.push(sql`at < ${filter.to}`);
  return join(conditions, ' AND ');
}

export const auditOrder = (ordering: 'seq' | '-seq') => raw(ordering === '-seq' ? 'seq DESC' : 'seq ASC');
