import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

export class NotifyUsersFilterDto {
  @ApiPropertyOptional({
    description: 'Partial match on username, email, first and last name',
    example: 'smith',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({
    description: 'Only inactive users are never mailed, so `false` matches nobody',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

export class NotifyUsersDto {
  @ApiProperty({ description: 'The subject of the mail (one line)', example: 'Planned maintenance', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(/^[^\r\n]*$/, { message: 'subject must be a single line' })
  subject!: string;

  @ApiProperty({
    description: 'Plain-text body; the HTML part shows it escaped, blank lines as paragraphs',
    example: 'Strata will be down on Sunday from 02:00 to 03:00 UTC.',
    maxLength: 10000,
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  text!: string;

  @ApiPropertyOptional({ type: NotifyUsersFilterDto, description: 'Which users; all active users when absent' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NotifyUsersFilterDto)
  filter?: NotifyUsersFilterDto;
}
