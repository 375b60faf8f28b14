import { TenantRole } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';

export class MemberResponseDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ example: 'jane@acme.example' })
  email!: string;

  @ApiProperty({ example: 'jane' })
  username!: string;

  @ApiProperty({ enum: TenantRole })
  role!: TenantRole;

  @ApiProperty({ format: 'date-time', description: 'When the user joined the tenant' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
