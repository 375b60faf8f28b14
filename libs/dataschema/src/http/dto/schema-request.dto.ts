import { ListQueryDto } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';

const DEFINITION_DOC = {
  type: 'object',
  additionalProperties: true,
  description: 'The schema definition document: `{ tables: [...] }` (see API.md, Schema)',
} as const;

/** What every change may carry: a message for its version and the version the caller saw. */
export class ChangeOptionsDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Why; stored with the version' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'The current version as the caller saw it; another one is a 409' })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

export class PutSchemaDto {
  @ApiProperty(DEFINITION_DOC)
  @IsObject()
  definition!: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;

  @ApiProperty({ minimum: 0, description: 'The current version as the caller saw it; another one is a 409' })
  @IsInt()
  @Min(0)
  expectedVersion!: number;
}

export class PlanSchemaDto {
  @ApiProperty(DEFINITION_DOC)
  @IsObject()
  definition!: Record<string, unknown>;
}

export class RollbackDto extends ChangeOptionsDto {
  @ApiProperty({ minimum: 0, description: 'The version whose definition becomes current again (0: no tables)' })
  @IsInt()
  @Min(0)
  toVersion!: number;
}

export class PurgeDto {
  @ApiProperty({ type: [String], description: 'Ids from the retained route' })
  @IsString({ each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  ids!: string[];
}

export class DiffQueryDto {
  @ApiProperty({ minimum: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  from!: number;

  @ApiProperty({ minimum: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  to!: number;
}

export const EXPORT_FORMATS = ['json', 'sql', 'mermaid'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat = 'json';
}

export class VersionsQueryDto extends ListQueryDto {}

/** The change options of a DELETE, from its query string. */
export class DropQueryDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  message?: string;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}
