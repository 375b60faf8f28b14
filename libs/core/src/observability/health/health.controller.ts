import { Controller, Get, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../../auth/auth.decorators';
import { AppException } from '../../errors/app.exception';
import { CoreErrorCode } from '../../errors/error-code';
import { ErrorResponseDto } from '../../http/error-response.dto';
import { DependencyStatusDto, HealthStatusDto, ReadinessDto } from './health-response.dto';
import { FallbackModesIndicator } from './fallback-modes.indicator';
import { RedisHealthIndicator } from './redis-health.indicator';

const CHECK_TIMEOUT_MS = 1500;

@ApiTags('health')
@ApiExtraModels(DependencyStatusDto)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly fallbacks: FallbackModesIndicator,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness: the process answers', description: 'Public; checks no dependency.' })
  @ApiOkResponse({ description: 'The process is alive', type: HealthStatusDto })
  alive(): HealthStatusDto {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: PostgreSQL and Redis are reachable',
    description:
      'Public. 503 (SERVICE_UNAVAILABLE, details name each unreachable dependency) when one is not, or while ' +
      'a part runs in its fallback (`loginRateLimit`: per-process login limits while Redis is unreachable).',
  })
  @ApiOkResponse({ description: 'PostgreSQL and Redis answer', type: ReadinessDto })
  @ApiResponse({ status: 503, description: 'A dependency is unreachable', type: ErrorResponseDto })
  async ready(): Promise<ReadinessDto> {
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
        () => this.redis.pingCheck('redis', CHECK_TIMEOUT_MS),
        ...this.fallbacks.checks(),
      ]);
      return { status: 'ok', info: statuses(result.info) };
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const down = Object.entries(result.error ?? {});
      throw new AppException(
        CoreErrorCode.SERVICE_UNAVAILABLE,
        `Not ready: ${down.map(([name]) => name).join(', ')} unreachable`,
        HttpStatus.SERVICE_UNAVAILABLE,
        down.map(([name, value]) => ({ field: name, message: String(value?.message ?? 'down') })),
      );
    }
  }
}

function statuses(info: HealthCheckResult['info']): Record<string, DependencyStatusDto> {
  return Object.fromEntries(
    Object.entries(info ?? {}).map(([name, value]) => [name, { status: value?.status === 'up' ? 'up' : 'down' }]),
  );
}
