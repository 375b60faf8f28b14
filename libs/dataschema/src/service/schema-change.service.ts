import { AuditService, canonicalJson } from '@app/audit';
import {
  AppException,
  badRequest,
  conflict,
  CoreErrorCode,
  Env,
  ErrorDetail,
  InjectEnv,
  RequestActor,
  SqlDatabase,
  SqlTransaction,
  TenantContext,
} from '@app/core';
import { HttpStatus, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ActiveSchemaCache } from '../cache/active-schema-cache';
import { DataschemaErrorCode } from '../dataschema.exception';
import { validateDefinition } from '../definition/definition-validator';
import { assignIds } from '../definition/id-assigner';
import { EMPTY_DEFINITION, SchemaDefinition } from '../definition/schema-definition';
import {
  schemaApplySeconds,
  schemaPlanningSeconds,
  SchemaChangeOutcome,
  schemaVersionsTotal,
} from '../metrics/schema-metrics';
import { Operation } from '../planner/operation';
import { planMigration } from '../planner/plan-migration';
import { nextRetained } from '../planner/retained-items';
import { applyOperations } from '../runner/apply-operations';
import { activeSchemaOf, OperationSummary, StoredRetainedItem, StoredVersion } from '../versions/schema-version';
import { SchemaVersionsRepository } from '../versions/schema-versions.repository';
import { catalogHash } from './catalog-hash';
import { RetainedPurger } from './retained-purger';
import { schemaSettingsOf, SchemaSettings } from './schema-settings';
import { SchemaReadService } from './schema-read.service';
import { runnerExecutor } from './sql-runner-executor';

/** What a change starts from, read under the tenant's lock. */
export interface ChangeBase {
  version: number;
  definition: SchemaDefinition;
  retained: StoredRetainedItem[];
}

export interface ChangeRequest {
  /** Builds the next definition (any JSON; it is validated) from the current one. */
  next: (base: ChangeBase) => unknown;
  /** The version the caller saw; another one is a 409. */
  expectedVersion?: number;
  message?: string | null;
  /** Turns the validator's paths (`tables[2].columns[0].name`) into the request's own. */
  field?: (path: string) => string;
}

export const digest = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** What an audit entry and a version list say of an operation: what it did, not its SQL. */
export const operationSummary = (op: Operation): OperationSummary => ({
  kind: op.kind,
  ...(op.table !== undefined && { table: op.table }),
  ...(op.column !== undefined && { column: op.column }),
  summary: op.summary,
});

function outcomeOf(error: unknown): SchemaChangeOutcome {
  if (!(error instanceof AppException)) return 'failed';
  if (error.status === HttpStatus.BAD_REQUEST) return 'invalid';
  if (error.status === HttpStatus.CONFLICT) return 'conflict';
  if (error.status === HttpStatus.UNPROCESSABLE_ENTITY) return 'refused';
  return 'failed';
}

/**
 * Makes schema versions: one tenant transaction (the tenant's lock, lock_timeout and
 * statement_timeout) validates, assigns ids, plans, prechecks and applies the DDL, keeps the
 * set-aside items, inserts the version row and writes the audit entry. Either all of it commits or
 * none; two writers of one tenant run one after the other, so the second sees the first's version.
 */
@Injectable()
export class SchemaChangeService {
  private readonly settings: SchemaSettings;

  constructor(
    private readonly db: SqlDatabase,
    private readonly versions: SchemaVersionsRepository,
    private readonly audit: AuditService,
    private readonly cache: ActiveSchemaCache,
    private readonly purger: RetainedPurger,
    private readonly reader: SchemaReadService,
    @InjectEnv() env: Env,
  ) {
    this.settings = schemaSettingsOf(env);
  }

  /** Applies a change as a new version; a change that alters nothing answers the current version. */
  async apply(ctx: TenantContext, actor: RequestActor, request: ChangeRequest): Promise<StoredVersion> {
    const started = process.hrtime.bigint();
    let outcome: SchemaChangeOutcome = 'applied';
    try {
      const { version, created } = await this.db.tenantTransaction(ctx.tenantId, this.settings.timeouts, (tx) =>
        this.applyLocked(tx, ctx, actor, request),
      );
      if (created) await this.cache.changed(ctx.tenantId, activeSchemaOf(version));
      return version;
    } catch (error) {
      outcome = outcomeOf(error);
      throw error;
    } finally {
      schemaVersionsTotal.inc({ outcome });
      schemaApplySeconds.observe({ outcome }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  private async applyLocked(
    tx: SqlTransaction,
    ctx: TenantContext,
    actor: RequestActor,
    request: ChangeRequest,
  ): Promise<{ version: StoredVersion; created: boolean }> {
    const latest = await this.versions.latest(tx, ctx.tenantId);
    const current = latest?.version ?? 0;
    if (request.expectedVersion !== undefined && request.expectedVersion !== current) {
      throw conflict(
        DataschemaErrorCode.SCHEMA_VERSION_CONFLICT,
        `The schema is at version ${current}, not ${request.expectedVersion}: reload it and apply your change again`,
        [{ field: 'expectedVersion', message: `must be the current version, ${current}` }],
      );
    }
    const base: ChangeBase = {
      version: current,
      definition: latest?.definition ?? EMPTY_DEFINITION,
      retained: await this.versions.retained(tx, ctx.tenantId),
    };
    const planned = this.plan(ctx, base, request);
    if (latest && digest(planned.definition) === latest.checksum) return { version: latest, created: false };

    const number = current + 1;
    const exec = runnerExecutor(tx);
    await applyOperations(exec, planned.operations, this.settings.timeouts);
    await this.keepRetained(tx, ctx, base, planned.operations, number);
    const purged = await this.purger.purgeExpired(tx, ctx, planned.definition, this.settings.retentionDays);

    const summaries = planned.operations.map(operationSummary);
    const version = await this.versions.insert(
      tx,
      ctx.tenantId,
      {
        version: number,
        definition: planned.definition,
        operations: planned.operations,
        up: planned.up,
        down: planned.down,
        authorId: actor.userId,
        authorEmail: actor.email,
        message: request.message ?? null,
        checksum: digest(planned.definition),
        catalogHash: await catalogHash(exec, ctx.schemaName),
      },
      summaries,
    );
    await this.audit.record(tx.manager, actor, {
      tenantId: ctx.tenantId,
      action: 'schema.version.apply',
      entityType: 'schema',
      entityId: String(number),
      details: {
        version: number,
        previousVersion: current,
        message: version.message,
        checksum: version.checksum,
        operations: summaries,
        ...(purged.length > 0 && { purgedByRetention: purged }),
      },
    });
    return { version, created: true };
  }

  /** Validation, ids and the plan from `base`; a 400 naming every problem when the definition is invalid. */
  plan(ctx: TenantContext, base: ChangeBase, request: Pick<ChangeRequest, 'next' | 'field'>) {
    const started = process.hrtime.bigint();
    try {
      const validation = validateDefinition(request.next(base), this.settings.limits);
      if (!validation.valid || !validation.definition) {
        const details: ErrorDetail[] = validation.errors.map((e) => ({
          field: request.field ? request.field(e.field) : e.field,
          message: e.message,
        }));
        throw badRequest(CoreErrorCode.VALIDATION_FAILED, 'The schema definition is invalid', details);
      }
      const items = base.retained.map((r) => r.item);
      const definition = assignIds(validation.definition, base.definition, items);
      const plan = planMigration(base.definition, definition, { schema: ctx.schemaName, retained: items });
      return { definition, ...plan };
    } finally {
      schemaPlanningSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  /**
   * The plan of a definition against the current version, changing nothing: `errors` when it is
   * invalid; `warnings` for drops (their data is set aside) and for changes that check rows first.
   * Plans against the cached active definition: reading the latest version row would fetch its
   * whole definition and SQL on every call.
   */
  async dryRun(ctx: TenantContext, input: unknown) {
    const active = await this.reader.active(ctx);
    const base: ChangeBase = {
      version: active.version,
      definition: active.definition,
      retained: await this.versions.retained(this.db, ctx.tenantId),
    };
    try {
      const plan = this.plan(ctx, base, { next: () => input });
      const warnings = plan.operations.flatMap((op) => {
        const field = [op.table, op.column].filter(Boolean).join('.');
        if (op.retained) return [{ field, message: `${op.summary}: its data is set aside until purged` }];
        if (op.precheck) return [{ field, message: `${op.summary}: refused if rows ${op.precheck.problem}` }];
        return [];
      });
      return { valid: true, errors: [], warnings, operations: plan.operations, sql: { up: plan.up, down: plan.down } };
    } catch (error) {
      if (!(error instanceof AppException) || error.status !== HttpStatus.BAD_REQUEST) throw error;
      return { valid: false, errors: error.details ?? [], warnings: [], operations: [], sql: { up: '', down: '' } };
    }
  }

  /** Records what the operations set aside (with the names it had) and forgets what they brought back. */
  private async keepRetained(
    tx: SqlTransaction,
    ctx: TenantContext,
    base: ChangeBase,
    operations: Operation[],
    version: number,
  ): Promise<void> {
    const before = base.retained.map((r) => r.item);
    const after = nextRetained(before, operations);
    const afterIds = new Set(after.map((i) => i.id));
    const beforeIds = new Set(before.map((i) => i.id));
    await this.versions.removeRetained(
      tx,
      ctx.tenantId,
      before.filter((i) => !afterIds.has(i.id)).map((i) => i.id),
    );
    const tables = new Map(base.definition.tables.map((t) => [t.id, t]));
    for (const item of after.filter((i) => !beforeIds.has(i.id))) {
      const table = tables.get(item.kind === 'table' ? item.id : item.tableId);
      const column = item.kind === 'column' ? table?.columns.find((c) => c.id === item.id) : undefined;
      await this.versions.addRetained(tx, ctx.tenantId, {
        item,
        tableName: table?.name ?? item.asideName,
        columnName: item.kind === 'column' ? (column?.name ?? item.asideName) : null,
        droppedInVersion: version,
      });
    }
  }
}
