import { sql } from '@app/core';
import { DailyReportRegistry, DailyReportSection } from '@app/notifications';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The daily report's tenants lines: tenants created in the period, and the total. */
@Injectable()
export class TenantsReportSection implements DailyReportSection, OnModuleInit {
  readonly title = 'Tenants';
  readonly order = 20;

  constructor(
    private readonly registry: DailyReportRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async lines(since: Date, until: Date): Promise<string[]> {
    const q = sql`
      SELECT (SELECT count(*) FROM tenants WHERE created_at >= ${since} AND created_at < ${until})::int AS "created",
             (SELECT count(*) FROM tenants)::int AS "total"`;
    const [row] = (await this.dataSource.query(q.text, q.values)) as Array<{ created: number; total: number }>;
    return [`New tenants: ${row.created}`, `Tenants in total: ${row.total}`];
  }
}
