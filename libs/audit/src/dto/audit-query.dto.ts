import { ListQueryDto } from '@app/core';
import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';

export class AuditFilterDto {
  @ApiPropertyOptional({ description: 'Actor user id, or actor email (exact, case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  actor?: string;

  @ApiPropertyOptional({ example: 'user.create', description: 'Exact action name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ example: 'user' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;

  @ApiPropertyOptional({ description: 'Entries at or after this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Entries before this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditListQueryDto extends IntersectionType(ListQueryDto, AuditFilterDto) {
  @ApiPropertyOptional({ enum: ['seq', '-seq'], default: 'seq', description: 'Chain order (default) or newest first' })
  @IsOptional()
  @IsIn(['seq', '-seq'])
  ordering: 'seq' | '-seq' = 'seq';
}

export class AuditExportQueryDto extends AuditFilterDto {
  @ApiPropertyOptional({ enum: ['csv', 'ndjson'], default: 'ndjson' })
  @IsOptional()
  @IsIn(['csv', 'ndjson'])
  format: 'csv' | 'ndjson' = 'ndjson';
}

const anchorGiven = (o: AuditVerifyQueryDto) => o.anchorSeq !== undefined || o.anchorHash !== undefined;

/** An anchor (a head recorded earlier): both parts or neither. */
export class AuditVerifyQueryDto {
  @ApiPropertyOptional({ minimum: 1, description: 'seq of an anchored head; needs anchorHash' })
  @ValidateIf(anchorGiven)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  anchorSeq?: number;

  @ApiPropertyOptional({ description: 'hash of the anchored head (lower-case hex); needs anchorSeq' })
  @ValidateIf(anchorGiven)
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be 64 lower-case hex digits' })
  anchorHash?: string;
}
