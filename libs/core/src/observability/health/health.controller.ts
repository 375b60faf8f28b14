import { Controller, Get, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { withTimeout } from '../../async/with-timeout';
import { Public } from '../../auth/auth.decorators';
import { AppException } from '../../errors/app.exception';
import { CoreErrorCode } from '../../errors/error-code';
import { ErrorResponseDto } from '../../http/error-response.dto';
import { DependencyStatusDto, HealthStatusDto, ReadinessDto } from './health-response.dto';
import { FallbackModesIndicator } from './fallback-modes.indicator';
import { readinessChecks } from './readiness-checks';
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
      'a part runs in its fallback (`loginRateLimit`: per-process login limits while Redis is unreachable). ' +
      '200 with status `degraded` when both answer but a part needs an operator, e.g. a tenant schema whose ' +
      'system migration failed (`info.tenantSchemas`).',
  })
  @ApiOkResponse({ description: 'PostgreSQL and Redis answer; `status` says whether all is well', type: ReadinessDto })
  @ApiResponse({ status: 503, description: 'A dependency is unreachable', type: ErrorResponseDto })
  async ready(): Promise<ReadinessDto> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([
        () => this.database.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
        () => this.redis.pingCheck('redis', CHECK_TIMEOUT_MS),
        ...this.fallbacks.checks(),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const down = Object.keys((error.getResponse() as HealthCheckResult).error ?? {});
      const fallbacks = this.fallbacks.reasons();
      // Names only: a driver's error text (hosts, ports, users) is for the logs, not for a public route.
      // A part in its fallback says why in words of our own.
      throw new AppException(
        CoreErrorCode.SERVICE_UNAVAILABLE,
        `Not ready: ${down.join(', ')} unreachable`,
        HttpStatus.SERVICE_UNAVAILABLE,
        down.map((name) => ({ field: name, message: fallbacks.get(name) ?? 'is unreachable' })),
      );
    }
    const parts = await checkParts();
    const degraded = Object.values(parts).some((part) => part.status === 'degraded');
    return { status: degraded ? 'degraded' : 'ok', info: { ...statuses(result.info), ...parts } };
  }
}

/** The registered parts (tenant schemas, ...), each within the check timeout; one that fails to answer is degraded. */
async function checkParts(): Promise<Record<string, DependencyStatusDto>> {
  const entries = await Promise.all(
    [...readinessChecks()].map(async ([name, check]): Promise<[string, DependencyStatusDto]> => {
      try {
        return [name, await withTimeout(check(), CHECK_TIMEOUT_MS, name)];
      } catch {
        return [name, { status: 'degraded', message: 'could not be checked' }];
      }
    }),
  );
  return Object.fromEntries(entries);
}

function statuses(info: HealthCheckResult['info']): Record<string, DependencyStatusDto> {
  return Object.fromEntries(Object.keys(info ?? {}).map((name) => [name, { status: 'up' }]));
}
