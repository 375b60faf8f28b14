import { TenantRole } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsEnum } from 'class-validator';

export class AddMemberDto {
  @ApiProperty({ example: 'jane@acme.example', description: 'An existing user' })
  @IsEmail({}, { message: 'must be a valid email' })
  email!: string;

  @ApiProperty({ enum: TenantRole, example: TenantRole.Editor })
  @IsEnum(TenantRole, { message: `must be one of ${Object.values(TenantRole).join(', ')}` })
  role!: TenantRole;
}
