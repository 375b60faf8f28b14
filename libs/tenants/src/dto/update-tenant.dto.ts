import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Name and description may change; the slug (and so the schema) never does. */
export class UpdateTenantDto {
  @ApiPropertyOptional({ example: 'Acme Corporation', maxLength: 200 })
  @ValidateIf((_: unknown, value: unknown) => value !== undefined)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    example: 'Our first customer',
    maxLength: 2000,
    nullable: true,
    description: 'null clears it',
  })
  @Transform(({ value }: { value: unknown }) => (value === null ? '' : value))
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}
