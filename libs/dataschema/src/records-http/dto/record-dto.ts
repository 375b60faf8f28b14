import { PageDto } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** A record's shape depends on its table; `GET /api/tenants/{tenant}/openapi.json` types it per table. */
export const RECORD_SCHEMA = {
  type: 'object',
  additionalProperties: true,
  description: "The record's columns by name, `id`, `created_at`, `updated_at`, `created_by` and `updated_by` included",
} as const;

export class RecordPageDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Exact, estimated or null, after `count`' })
  count!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The next page (`page=` or, when paging by keyset, `cursor=`)',
  })
  next!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The previous page; always null when paging by keyset' })
  previous!: string | null;

  @ApiProperty({ type: 'array', items: RECORD_SCHEMA })
  results!: Array<Record<string, unknown>>;
}

export class RestoreRecordDto {
  @ApiProperty({ minimum: 1, description: 'The revision to bring back (see the history route)' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  revision!: number;
}

export class RestoreResultDto {
  @ApiProperty(RECORD_SCHEMA) record!: Record<string, unknown>;

  @ApiProperty({
    type: [String],
    description: 'Columns the revision held that the table no longer has (their values were not restored)',
  })
  droppedColumns!: string[];
}

export class RevisionDto {
  @ApiProperty({ example: 2 }) revision!: number;
  @ApiProperty({ enum: ['create', 'update', 'delete', 'restore'] }) operation!: string;
  @ApiProperty({ ...RECORD_SCHEMA, nullable: true, description: 'The record before the change; null for a create' })
  before!: Record<string, unknown> | null;
  @ApiProperty({ ...RECORD_SCHEMA, nullable: true, description: 'The record after the change; null for a delete' })
  after!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The user who made the change' })
  actor!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The schema version the change was made under' })
  schemaVersion!: number | null;
}

export class RevisionPageDto extends PageDto(RevisionDto) {}

export class AggregateResultDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'One object per group: the group columns, `count` and `<fn>_<column>` per metric',
  })
  results!: Array<Record<string, unknown>>;
}
