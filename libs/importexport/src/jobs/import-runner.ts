import { AppException, FinalJobFailure, TenantContext } from '@app/core';
import { compileRecordTable, SchemaReadService } from '@app/dataschema';
import { Injectable } from '@nestjs/common';
import { DirectImport } from './direct-import';
import { ImportJobData } from './import-export-jobs';
import { ImportJobState } from './import-job-state';
import { failedSummary, ImportSummary } from './import-summary';
import { ImportTarget, LoadClash } from './import-target';
import { StagedUpsert } from './staged-upsert';

export { ImportCancelled } from './import-summary';
export type { ImportSummary } from './import-summary';

/**
 * One attempt of an import job. Insert: loaded while read (`DirectImport`), without a table lock;
 * if a row committed meanwhile clashes, the file is read again with the table locked. Upsert:
 * through a staging table (`StagedUpsert`). A retried attempt that finds the job committed by an
 * earlier one (which then died) returns that summary and loads nothing twice.
 */
@Injectable()
export class ImportRunner {
  constructor(
    private readonly schemas: SchemaReadService,
    private readonly state: ImportJobState,
    private readonly direct: DirectImport,
    private readonly staged: StagedUpsert,
  ) {}

  async run(data: ImportJobData, jobId: string): Promise<ImportSummary> {
    const committed = await this.state.committedSummary(jobId);
    if (committed) return committed;
    const ctx: TenantContext = { tenantId: data.tenantId, slug: data.slug, schemaName: data.schemaName, role: null };
    const active = await this.schemas.active(ctx);
    const definition = active.definition.tables.find((t) => t.name === data.table);
    if (!definition) throw new FinalJobFailure(`The table "${data.table}" does not exist (any more)`);
    const target: ImportTarget = {
      table: compileRecordTable(ctx.schemaName, definition),
      definition,
      tableId: definition.id ?? definition.name,
      version: active.version,
    };
    try {
      if (data.mode === 'upsert') return await this.staged.run(data, jobId, target);
      try {
        return await this.direct.run(data, jobId, target, false);
      } catch (error) {
        if (!(error instanceof LoadClash)) throw error;
        await this.state.log(jobId, 'A row committed meanwhile clashed; reading the file again with the table locked', {
          clash: (error.cause as Error)?.message,
        });
        return await this.direct.run(data, jobId, target, true);
      }
    } catch (error) {
      if (error instanceof AppException) throw new FinalJobFailure(error.message, failedSummary(error.message));
      throw error;
    }
  }
}
