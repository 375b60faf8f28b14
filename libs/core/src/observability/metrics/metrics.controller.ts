import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../auth/auth.decorators';
import { Env } from '../../config/env.schema';
import { InjectEnv } from '../../config/env.token';
import { unauthorized } from '../../errors/app.exception';
import { CoreErrorCode } from '../../errors/error-code';
import { ErrorResponseDto } from '../../http/error-response.dto';
import { metricsRegistry } from '../../metrics/metrics-registry';
import { metricsAccessAllowed } from './metrics-token';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(@InjectEnv() private readonly env: Env) {}

  // Public to the JWT guard: the metrics token is not a user token, so it is checked here.
  @Public()
  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Open unless METRICS_TOKEN is set; then it needs `Authorization: Bearer <METRICS_TOKEN>` (else 401 UNAUTHORIZED).',
  })
  @ApiOkResponse({
    description: 'Prometheus text exposition format',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiResponse({
    status: 401,
    description: 'METRICS_TOKEN is set and the request does not carry it as a bearer token',
    type: ErrorResponseDto,
  })
  async metrics(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (!metricsAccessAllowed(this.env.METRICS_TOKEN, authorization)) {
      throw unauthorized(CoreErrorCode.UNAUTHORIZED, 'A valid metrics token is required');
    }
    void reply.header('content-type', metricsRegistry.contentType);
    return metricsRegistry.metrics();
  }
}
