import { TenantRole } from '@app/core';
import { ApiProperty } from '@nestjs/swagger';
import { UserResponseDto } from '../../dto/user-response.dto';

export class MembershipDto {
  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty({ example: 'acme' })
  slug!: string;

  @ApiProperty({ example: 'Acme Ltd' })
  name!: string;

  @ApiProperty({ enum: TenantRole })
  role!: string;
}

/** The caller: the user object's fields at the top level, the same object under `user`, and memberships. */
export class MeResponseDto extends UserResponseDto {
  @ApiProperty({ type: UserResponseDto })
  user!: UserResponseDto;

  @ApiProperty({ type: MembershipDto, isArray: true })
  memberships!: MembershipDto[];
}
