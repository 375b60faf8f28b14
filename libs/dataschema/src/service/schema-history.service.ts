import { AuditService } from '@app/audit';
import { badRequest, CoreErrorCode, Env, InjectEnv, RequestActor, SqlDatabase, TenantContext } from '@app/core';
import { Injectable } from '@nestjs/common';
import { EMPTY_DEFINITION } from '../definition/schema-definition';
import { StoredVersion } from '../versions/schema-version';
import { SchemaVersionsRepository } from '../versions/schema-versions.repository';
import { PurgedItem, RetainedPurger } from './retained-purger';
import { SchemaChangeService } from './schema-change.service';
import { SchemaReadService } from './schema-read.service';
import { schemaSettingsOf } from './schema-settings';

/** Rollback (a new version equal to an earlier one) and the explicit purge of set-aside items. */
@Injectable()
export class SchemaHistoryService {
  private readonly timeouts;

  constructor(
    private readonly db: SqlDatabase,
    private readonly versions: SchemaVersionsRepository,
    private readonly changes: SchemaChangeService,
    private readonly reader: SchemaReadService,
    private readonly purger: RetainedPurger,
    private readonly audit: AuditService,
    @InjectEnv() env: Env,
  ) {
    this.timeouts = schemaSettingsOf(env).timeouts;
  }

  /**
   * Plans the current definition -> `toVersion`'s and applies it as a new version; history is
   * never rewritten. What `toVersion` holds and later versions set aside comes back with its data.
   */
  async rollback(
    ctx: TenantContext,
    actor: RequestActor,
    toVersion: number,
    options: { message?: string; expectedVersion?: number },
  ): Promise<StoredVersion> {
    const target = toVersion === 0 ? EMPTY_DEFINITION : (await this.reader.version(ctx, toVersion)).definition;
    return this.changes.apply(ctx, actor, {
      next: () => target,
      expectedVersion: options.expectedVersion,
      message: options.message ?? `Roll back to version ${toVersion}`,
      field: (path) => `definition of version ${toVersion}: ${path}`,
    });
  }

  /** Destroys set-aside items for good; after that a rollback re-creates them empty. */
  async purge(ctx: TenantContext, actor: RequestActor, ids: string[]): Promise<{ purged: PurgedItem[] }> {
    const purged = await this.db.tenantTransaction(ctx.tenantId, this.timeouts, async (tx) => {
      const retained = await this.versions.retained(tx, ctx.tenantId);
      const unknown = ids.flatMap((id, i) => (retained.some((r) => r.item.id === id) ? [] : [i]));
      if (unknown.length > 0) {
        throw badRequest(
          CoreErrorCode.VALIDATION_FAILED,
          'Only items listed by the retained route can be purged',
          unknown.map((i) => ({ field: `ids[${i}]`, message: 'is not a retained table or column of this tenant' })),
        );
      }
      const latest = await this.versions.latest(tx, ctx.tenantId);
      const chosen = retained.filter((r) => ids.includes(r.item.id));
      const result = await this.purger.purge(tx, ctx, latest?.definition ?? EMPTY_DEFINITION, chosen);
      await this.audit.record(tx.manager, actor, {
        tenantId: ctx.tenantId,
        action: 'schema.retained.purge',
        entityType: 'schema',
        entityId: latest ? String(latest.version) : '0',
        details: { purged: result },
      });
      return result;
    });
    return { purged };
  }
}
