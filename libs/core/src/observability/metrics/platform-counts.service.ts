import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlatformCounts, setPlatformCountsSource } from './platform-gauges';

/** Feeds the users and tenants gauges from the database, at scrape time. */
@Injectable()
export class PlatformCountsService implements OnModuleInit, OnModuleDestroy {
  private release: (() => void) | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.release = setPlatformCountsSource(() => this.counts());
  }

  onModuleDestroy(): void {
    this.release?.();
  }

  async counts(): Promise<PlatformCounts> {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT count(*) FROM users WHERE is_active)::int AS active,
              (SELECT count(*) FROM users WHERE NOT is_active)::int AS inactive,
              (SELECT count(*) FROM tenants)::int AS tenants`,
    )) as Array<{ active: number; inactive: number; tenants: number }>;
    return { activeUsers: row.active, inactiveUsers: row.inactive, tenants: row.tenants };
  }
}
