import { ApiProperty } from '@nestjs/swagger';
import { UserResponseDto } from '../../dto/user-response.dto';

export class TokenPairResponseDto {
  @ApiProperty({ description: 'JWT (HS256); send as `Authorization: Bearer <token>`' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque; single use: each refresh returns a new one' })
  refreshToken!: string;

  @ApiProperty({ example: 900, description: 'Lifetime of the access token, in seconds' })
  expiresIn!: number;
}

export class LoginResponseDto extends TokenPairResponseDto {
  @ApiProperty({ type: UserResponseDto })
  user!: UserResponseDto;
}
