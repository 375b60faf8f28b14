import { ApiProperty } from '@nestjs/swagger';

export class ActiveCountResponseDto {
  @ApiProperty({ example: 42, description: 'Number of active users' })
  count!: number;
}
