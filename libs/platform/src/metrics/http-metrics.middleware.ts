import type { NextFunction, PlatformRequest, PlatformResponse } from '../http/http-types';
import type { MetricsService } from './metrics.service';

/**
 * Times every request until its response is finished. The route label is the matched route pattern
 * (`/demands/:id`), never the raw URL, which would give a series per id; unmatched paths share one.
 */
export function httpMetricsMiddleware(metrics: MetricsService) {
  return (req: PlatformRequest, res: PlatformResponse, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeHttp(req.method ?? 'UNKNOWN', routeLabel(req), res.statusCode, seconds);
    });
    next();
  };
}

function routeLabel(req: PlatformRequest): string {
  const pattern = req.route?.path;
  if (typeof pattern !== 'string') return 'unmatched';
  return `${req.baseUrl ?? ''}${pattern}`;
}
