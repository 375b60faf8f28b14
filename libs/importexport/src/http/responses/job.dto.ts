import { ApiProperty } from '@nestjs/swagger';
import { JOB_STATUSES, JobProgressDto } from './job-progress.dto';

/** What import and export jobs share: identity, status, progress and times. */
export abstract class JobDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'customers' })
  table!: string;

  @ApiProperty({ enum: JOB_STATUSES, enumName: 'JobStatus', example: 'running' })
  status!: (typeof JOB_STATUSES)[number];

  @ApiProperty({ type: JobProgressDto })
  progress!: JobProgressDto;

  @ApiProperty({ type: String, nullable: true, description: 'Why the job (or its last attempt) failed' })
  error!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The user who started the job' })
  createdBy!: string | null;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true, example: '2026-11-23T10:00:01.000Z' })
  startedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-11-23T10:00:05.000Z' })
  finishedAt!: string | null;
}
