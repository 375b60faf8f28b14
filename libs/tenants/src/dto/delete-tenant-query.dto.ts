import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

export class DeleteTenantQueryDto {
  @ApiProperty({
    required: true,
    example: 'acme',
    description: 'Must equal the tenant’s slug; without it nothing is deleted (400 CONFIRMATION_REQUIRED)',
  })
  @IsOptional()
  @IsString()
  confirm?: string;
}
