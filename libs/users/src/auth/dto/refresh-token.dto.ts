import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** The body of refresh and logout. */
export class RefreshTokenDto {
  @ApiProperty({
    description: 'A refresh token from login or refresh',
    example: 'n4bQgcuZ0zYp2n7a3Lw7m0m3x0nT2p0j1c9yVQ4x5rE',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(512)
  refreshToken!: string;
}
