import { PageDto } from '@app/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const OBJECT = { type: 'object', additionalProperties: true } as const;

export class SchemaResponseDto {
  @ApiProperty({ example: 3, description: '0 until the first change' })
  version!: number;

  @ApiProperty({ ...OBJECT, description: 'The definition, with the ids the server gave every table, column and index' })
  definition!: Record<string, unknown>;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  createdAt!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The user who made this version' })
  createdBy!: string | null;
}

export class OperationSummaryDto {
  @ApiProperty({ example: 'addColumn' })
  kind!: string;

  @ApiPropertyOptional()
  table?: string;

  @ApiPropertyOptional()
  column?: string;

  @ApiProperty({ example: 'add column email to customers' })
  summary!: string;
}

export class VersionListItemDto {
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: [OperationSummaryDto] }) operations!: OperationSummaryDto[];
}

export class VersionPageDto extends PageDto(VersionListItemDto) {}

export class SqlScriptsDto {
  @ApiProperty({ description: 'The statements that apply it, in order' }) up!: string;
  @ApiProperty({ description: 'The statements that undo it, in reverse order' }) down!: string;
}

export class MigrationDto extends SqlScriptsDto {
  @ApiProperty({ type: 'array', items: OBJECT, description: 'Each with kind, summary, up and down statements' })
  operations!: Record<string, unknown>[];
}

export class VersionDetailDto {
  @ApiProperty() version!: number;
  @ApiProperty(OBJECT) definition!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) createdBy!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'sha256 of the canonical JSON of the definition' }) checksum!: string;
  @ApiProperty({ type: MigrationDto }) migration!: MigrationDto;
}

export class SchemaProblemDto {
  @ApiProperty({ example: 'tables[1].columns[3].name' }) field!: string;
  @ApiProperty() message!: string;
}

export class PlanResponseDto {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: [SchemaProblemDto] }) errors!: SchemaProblemDto[];
  @ApiProperty({ type: [SchemaProblemDto], description: 'Drops (data set aside) and changes that check rows first' })
  warnings!: SchemaProblemDto[];
  @ApiProperty({ type: 'array', items: OBJECT }) operations!: Record<string, unknown>[];
  @ApiProperty({ type: SqlScriptsDto }) sql!: SqlScriptsDto;
}

export class DiffResponseDto {
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: 'array', items: OBJECT }) operations!: Record<string, unknown>[];
  @ApiProperty({ type: SqlScriptsDto }) sql!: SqlScriptsDto;
}

export class DriftDifferenceDto {
  @ApiProperty({ example: 'column' }) kind!: string;
  @ApiProperty() table!: string;
  @ApiPropertyOptional() column?: string;
  @ApiProperty({ type: String, nullable: true }) expected!: string | null;
  @ApiProperty({ type: String, nullable: true }) actual!: string | null;
}

export class DriftResponseDto {
  @ApiProperty() drifted!: boolean;
  @ApiProperty({ type: [DriftDifferenceDto] }) differences!: DriftDifferenceDto[];
}

export class RetainedItemDto {
  @ApiProperty({ example: 'c_3k9x0a1b2c3d' }) id!: string;
  @ApiProperty({ enum: ['table', 'column'] }) kind!: string;
  @ApiProperty({ description: 'The table’s name when it was dropped' }) table!: string;
  @ApiPropertyOptional({ description: 'The column’s name when it was dropped' }) column?: string;
  @ApiProperty() droppedInVersion!: number;
  @ApiProperty({ format: 'date-time' }) droppedAt!: string;
  @ApiProperty({ description: 'Rows of the table, or rows holding a value in the column' }) rows!: number;
}

export class RetainedPageDto extends PageDto(RetainedItemDto) {}

export class PurgedItemDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['table', 'column'] }) kind!: string;
  @ApiProperty() table!: string;
  @ApiPropertyOptional() column?: string;
}

export class PurgeResponseDto {
  @ApiProperty({ type: [PurgedItemDto], description: 'Columns set aside inside a purged table are listed too' })
  purged!: PurgedItemDto[];
}

export class TableResponseDto {
  @ApiProperty({ example: 't_3k9x0a1b2c3d' }) id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ type: 'array', items: OBJECT }) columns!: Record<string, unknown>[];
  @ApiPropertyOptional({ type: 'array', items: OBJECT }) indexes?: Record<string, unknown>[];
}

export class TablePageDto extends PageDto(TableResponseDto) {}

export class SchemaTemplateDto {
  @ApiProperty({ example: 'crm' }) key!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty(OBJECT) definition!: Record<string, unknown>;
}

export class SchemaTemplatesDto {
  @ApiProperty({ type: [SchemaTemplateDto] }) results!: SchemaTemplateDto[];
}
