import { ListQueryDto } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { USER_ORDERING_FIELDS } from '../user-ordering';

const toBoolean = ({ value }: { value: unknown }) => {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
};

export class ListUsersQueryDto extends ListQueryDto {
  @ApiPropertyOptional({
    description: 'Partial, case-insensitive match over username, email, first and last name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ type: Boolean, description: '`true` or `false`' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  isActive?: boolean;

  @ApiPropertyOptional({
    example: '-createdAt,username',
    description: `Comma-separated fields, \`-\` for descending. Allowed: ${Object.keys(USER_ORDERING_FIELDS).join(', ')}. Default: createdAt`,
  })
  @IsOptional()
  @IsString()
  ordering?: string;
}
