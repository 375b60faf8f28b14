import { SqlDatabase } from '@app/core';
import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { SchemaVersionsRepository } from '../versions/schema-versions.repository';
import { setSchemaTablesSource } from './schema-metrics';

/** Feeds the `strata_schema_tables` gauge from the active versions, at scrape time. */
@Injectable()
export class SchemaTablesSource implements OnModuleInit, OnModuleDestroy {
  private release: (() => void) | null = null;

  constructor(
    private readonly db: SqlDatabase,
    private readonly versions: SchemaVersionsRepository,
  ) {}

  onModuleInit(): void {
    this.release = setSchemaTablesSource(() => this.versions.countLiveTables(this.db));
  }

  onModuleDestroy(): void {
    this.release?.();
  }
}
