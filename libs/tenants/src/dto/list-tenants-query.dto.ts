import { ListQueryDto } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ListTenantsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'Partial match on name or slug, ignoring case' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
