import { ApiProperty } from '@nestjs/swagger';

export class HealthStatusDto {
  @ApiProperty({ example: 'ok', enum: ['ok'] })
  status!: 'ok';
}

export class DependencyStatusDto {
  @ApiProperty({ example: 'up', enum: ['up', 'down'] })
  status!: 'up' | 'down';
}

export class ReadinessDto {
  @ApiProperty({ example: 'ok', enum: ['ok'] })
  status!: 'ok';

  @ApiProperty({
    description: 'Each dependency checked, by name (database, redis)',
    example: { database: { status: 'up' }, redis: { status: 'up' } },
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DependencyStatusDto' },
  })
  info!: Record<string, DependencyStatusDto>;
}
