import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorResult } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import type { PlatformResponse } from '../http/http-types';
import { ReadinessRegistry } from './readiness.registry';

/**
 * Liveness says the process serves HTTP (restart me if not); readiness says its dependencies answer
 * (send me traffic). Readiness answers 503 with every failing check named under `error`.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(ReadinessRegistry) private readonly registry: ReadinessRegistry,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process serves HTTP (restart it if not).' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Readiness: every dependency answers (200), or 503 naming each failing check under `error`.' })
  async ready(@Res() res: PlatformResponse): Promise<void> {
    const results = await this.registry.run();
    const indicators = results.map((r) => (): HealthIndicatorResult => {
      const session = this.indicators.check(r.name);
      return r.ok ? session.up() : session.down({ message: r.error ?? 'failed' });
    });
    try {
      res.status(200).json(await this.health.check(indicators));
    } catch (e) {
      // Terminus reports "not ready" as an exception; a probe wants terminus' body with a 503, not a
      // problem. We write the response ourselves because Nest would reset the status to the route's 200.
      if (!(e instanceof ServiceUnavailableException)) throw e;
      res.status(503).json(e.getResponse());
    }
  }
}
