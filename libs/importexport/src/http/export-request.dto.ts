import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { ExportFormat } from '../encode/export-encoders';

const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'json', 'ndjson'];

export class CreateExportDto {
  @ApiProperty({ example: 'customers' })
  @IsString()
  @MaxLength(63)
  table!: string;

  @ApiProperty({ enum: FORMATS, example: 'csv' })
  @IsIn(FORMATS, { message: `must be one of ${FORMATS.join(', ')}` })
  format!: ExportFormat;

  @ApiPropertyOptional({
    description: 'As in record lists: `{ "<column>": { "<op>": <value> } }`',
    example: { age: { gt: 30 } },
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject()
  filter?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Comma-separated columns, `-` for descending', example: '-created_at' })
  @IsOptional()
  @IsString()
  sort?: string;

  @ApiPropertyOptional({ description: 'Comma-separated columns to export', example: 'email,name' })
  @IsOptional()
  @IsString()
  fields?: string;

  @ApiPropertyOptional({
    description: 'Prefix text cells that begin with = + - @ tab or CR with a quote (CSV, XLSX); default true',
  })
  @IsOptional()
  @IsBoolean()
  neutralize?: boolean;
}
