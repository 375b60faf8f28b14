import { PageDto } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';

/** One problem of one bad row. */
export class ImportRowErrorDto {
  @ApiProperty({ example: 2, description: 'As a spreadsheet numbers it for CSV and XLSX (header = 1)' })
  row!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'email',
    description: "The column (a unique key's columns, comma-separated); null when the row could not be read",
  })
  column!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'not-an-email' })
  value!: string | null;

  @ApiProperty({ example: 'must be an email address' })
  message!: string;
}

export class ImportRowErrorPageDto extends PageDto(ImportRowErrorDto) {}

export class JobEventDto {
  @ApiProperty({ example: '2026-11-23T10:00:01.000Z' })
  at!: string;

  @ApiProperty({ enum: ['info', 'warn', 'error'] })
  level!: 'info' | 'warn' | 'error';

  @ApiProperty({ example: 'Attempt 1 started' })
  message!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: "The event's details" })
  data!: Record<string, unknown> | null;
}

export class JobLogDto {
  @ApiProperty({ type: JobEventDto, isArray: true, description: 'Oldest first' })
  results!: JobEventDto[];
}
