import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@strata.local', description: 'Case-insensitive' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'change-me-now', writeOnly: true })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}
