import { PageDto } from '@app/core';
import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { JOB_FORMATS, JobProgressDto } from './job-progress.dto';
import { JobDto } from './job.dto';

/** An import's outcome, once it has one: the read counters as its progress gave them, and more. */
export class ImportSummaryDto extends PickType(JobProgressDto, ['rowsRead', 'rowsValid', 'rowsInvalid'] as const) {
  @ApiProperty({ example: 1195 })
  rowsStored!: number;

  @ApiProperty({ example: 5, description: 'Row errors listed at /imports/{id}/errors' })
  errorsStored!: number;

  @ApiProperty()
  dryRun!: boolean;

  @ApiProperty({ example: '1195 rows stored, 5 bad rows skipped' })
  message!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The batch of records an insert import created (what a revert removes)',
  })
  batchId!: string | null;

  @ApiPropertyOptional({ description: 'When the import was reverted' })
  revertedAt?: string;

  @ApiPropertyOptional({ description: 'The records the revert removed' })
  rowsReverted?: number;
}

export class ImportJobDto extends JobDto {
  @ApiProperty({ enum: JOB_FORMATS, enumName: 'ImportFormat', example: 'csv' })
  format!: (typeof JOB_FORMATS)[number];

  @ApiProperty({ enum: ['insert', 'upsert'] })
  mode!: 'insert' | 'upsert';

  @ApiProperty({ enum: ['abort', 'skip'] })
  onError!: 'abort' | 'skip';

  @ApiProperty()
  dryRun!: boolean;

  @ApiProperty({ example: 'customers.csv' })
  fileName!: string;

  @ApiProperty({ type: ImportSummaryDto, nullable: true, description: 'Null until the import ends' })
  summary!: ImportSummaryDto | null;
}

export class ImportJobPageDto extends PageDto(ImportJobDto) {}
