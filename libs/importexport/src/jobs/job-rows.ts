import { JobEntity, notFound, QueueName, TenantContext } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads a tenant's import or export job rows (public.jobs) and their events. */
@Injectable()
export class ImportExportJobRows {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(ctx: TenantContext, queue: QueueName, offset: number, limit: number) {
    const [rows, count] = await this.dataSource.getRepository(JobEntity).findAndCount({
      where: { queue, tenantId: ctx.tenantId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: offset,
      take: limit,
    });
    return { rows, count };
  }

  async get(ctx: TenantContext, queue: QueueName, id: string): Promise<JobEntity> {
    const row = UUID.test(id)
      ? await this.dataSource.getRepository(JobEntity).findOneBy({ id, queue, tenantId: ctx.tenantId })
      : null;
    const kind = queue === QueueName.Imports ? 'import' : 'export';
    if (!row) throw notFound(`${kind.toUpperCase()}_NOT_FOUND`, `No ${kind} job ${id} in this tenant`);
    return row;
  }

  async events(id: string) {
    const rows: Array<{ at: Date; level: string; message: string; data: unknown }> = await this.dataSource.query(
      `SELECT at, level, message, data FROM job_events WHERE job_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map((r) => ({ at: new Date(r.at).toISOString(), level: r.level, message: r.message, data: r.data }));
  }
}
