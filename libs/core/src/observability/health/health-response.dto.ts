import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthStatusDto {
  @ApiProperty({ example: 'ok', enum: ['ok'] })
  status!: 'ok';
}

export class DependencyStatusDto {
  @ApiProperty({ example: 'up', enum: ['up', 'degraded'] })
  status!: 'up' | 'degraded';

  @ApiPropertyOptional({ description: 'How many things are affected, when the part is degraded', example: 1 })
  count?: number;

  @ApiPropertyOptional({ description: 'What is degraded', example: '1 tenant schema is behind its system migrations' })
  message?: string;
}

export class ReadinessDto {
  @ApiProperty({
    example: 'ok',
    enum: ['ok', 'degraded'],
    description: '`degraded`: serving, but a part needs an operator (see `info`)',
  })
  status!: 'ok' | 'degraded';

  @ApiProperty({
    description: 'Each part checked, by name (database, redis, tenantSchemas)',
    example: { database: { status: 'up' }, redis: { status: 'up' }, tenantSchemas: { status: 'up', count: 0 } },
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/DependencyStatusDto' },
  })
  info!: Record<string, DependencyStatusDto>;
}
