import { PageDto } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import { JOB_FORMATS } from './job-progress.dto';
import { JobDto } from './job.dto';

/** An export's outcome, once it has one. */
export class ExportSummaryDto {
  @ApiProperty({ example: 1200 })
  rows!: number;

  @ApiProperty({ example: 65536, description: "The file's size" })
  bytes!: number;

  @ApiProperty({ example: '1200 rows exported' })
  message!: string;
}

export class ExportJobDto extends JobDto {
  @ApiProperty({ enum: JOB_FORMATS, enumName: 'ExportFormat', example: 'csv' })
  format!: (typeof JOB_FORMATS)[number];

  @ApiProperty({ type: ExportSummaryDto, nullable: true, description: 'Null until the export succeeds' })
  summary!: ExportSummaryDto | null;
}

export class ExportJobPageDto extends PageDto(ExportJobDto) {}
