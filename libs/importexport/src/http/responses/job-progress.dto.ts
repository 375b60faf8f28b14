import { ApiProperty } from '@nestjs/swagger';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const JOB_FORMATS = ['csv', 'xlsx', 'json', 'ndjson'] as const;

/** How far a job has read its input; an export's counters stay at 0. */
export class JobProgressDto {
  @ApiProperty({ example: 1200 })
  rowsRead!: number;

  @ApiProperty({ example: 1195 })
  rowsValid!: number;

  @ApiProperty({ example: 5 })
  rowsInvalid!: number;

  @ApiProperty({ example: 65536 })
  bytesRead!: number;

  @ApiProperty({ example: 131072, description: "The uploaded file's size (imports)" })
  bytesTotal!: number;

  @ApiProperty({ example: 50, minimum: 0, maximum: 100 })
  percent!: number;
}
