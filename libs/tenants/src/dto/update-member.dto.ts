import { TenantRole } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';

export class UpdateMemberDto {
  @ApiProperty({ enum: TenantRole, example: TenantRole.Viewer })
  @IsEnum(TenantRole, { message: `must be one of ${Object.values(TenantRole).join(', ')}` })
  role!: TenantRole;
}
