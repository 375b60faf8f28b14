import { ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { ChangeOptionsDto } from './schema-request.dto';

/**
 * The fields of a table or column are checked by the definition validator, with every problem
 * named at once (`columns[1].name`); the DTOs only let them through.
 */
export class CreateTableDto extends ChangeOptionsDto {
  @ApiPropertyOptional({ type: String, example: 'customers' })
  @Allow()
  name?: unknown;

  @ApiPropertyOptional({ type: String })
  @Allow()
  description?: unknown;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } })
  @Allow()
  columns?: unknown;

  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true } })
  @Allow()
  indexes?: unknown;
}

export class UpdateTableDto extends ChangeOptionsDto {
  @ApiPropertyOptional({ type: String, description: 'A new name: a rename, the data stays' })
  @Allow()
  name?: unknown;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null removes it' })
  @Allow()
  description?: unknown;
}

/** A column, or (PATCH) the options to change; an option set to null is removed. */
export class ColumnDto extends ChangeOptionsDto {
  @ApiPropertyOptional({ type: String }) @Allow() name?: unknown;
  @ApiPropertyOptional({ type: String, example: 'string' }) @Allow() type?: unknown;
  @ApiPropertyOptional({ type: String, nullable: true }) @Allow() description?: unknown;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Allow() required?: unknown;
  @ApiPropertyOptional({ type: Boolean, nullable: true }) @Allow() unique?: unknown;
  @ApiPropertyOptional({ description: 'A value of the column type; null removes it' }) @Allow() default?: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true }) @Allow() maxLength?: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true }) @Allow() precision?: unknown;
  @ApiPropertyOptional({ type: Number, nullable: true }) @Allow() scale?: unknown;
  @ApiPropertyOptional({ type: [String], nullable: true }) @Allow() values?: unknown;
  @ApiPropertyOptional({ type: String, nullable: true }) @Allow() references?: unknown;
  @ApiPropertyOptional({ enum: ['restrict', 'cascade', 'setNull'], nullable: true }) @Allow() onDelete?: unknown;
}
