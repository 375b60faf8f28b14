import { ApiProperty } from '@nestjs/swagger';

/** A user as every route returns it; never a password or its hash. */
export class UserResponseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'jane.doe' })
  username!: string;

  @ApiProperty({ example: 'jane@example.com' })
  email!: string;

  @ApiProperty({ example: 'Jane', description: 'Empty string when unset' })
  firstName!: string;

  @ApiProperty({ example: 'Doe', description: 'Empty string when unset' })
  lastName!: string;

  @ApiProperty({ example: '', description: 'Empty string when unset' })
  phone!: string;

  @ApiProperty({ example: '', description: 'Empty string when unset' })
  address!: string;

  @ApiProperty()
  isActive!: boolean;

  @ApiProperty({ description: 'Platform superadmin (may do everything); set only for the seeded admin' })
  isSuperadmin!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null until the first login' })
  lastLoginAt!: string | null;
}
