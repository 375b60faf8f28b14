import { ListQueryDto } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ImportErrorsQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: '`csv`: the bad rows with an error column' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'must be json or csv' })
  format?: 'json' | 'csv';
}
