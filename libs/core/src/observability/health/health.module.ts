import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { FallbackModesIndicator } from './fallback-modes.indicator';
import { RedisHealthIndicator } from './redis-health.indicator';

/** `/health` (alive) and `/health/ready` (PostgreSQL and Redis reachable); both public. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, FallbackModesIndicator],
})
export class HealthModule {}
