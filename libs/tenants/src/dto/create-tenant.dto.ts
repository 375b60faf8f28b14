import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { TENANT_SLUG_PATTERN, TENANT_SLUG_RULE } from '../tenant-slug';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateTenantDto {
  @ApiProperty({ example: 'Acme Corp', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    example: 'acme',
    pattern: TENANT_SLUG_PATTERN.source,
    description: 'Fixed for good; the schema is `tenant_<slug>`',
  })
  @IsString()
  @Matches(TENANT_SLUG_PATTERN, { message: TENANT_SLUG_RULE })
  slug!: string;

  @ApiPropertyOptional({ example: 'Our first customer', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({
    example: 'owner@acme.example',
    description: 'An existing user who becomes the tenant’s first admin',
  })
  @IsOptional()
  @IsEmail({}, { message: 'must be a valid email' })
  adminEmail?: string;
}
