import type { Logger } from 'pino';
import type { NextFunction, PlatformRequest, PlatformResponse } from '../http/http-types';

/** Probes and scrapes every few seconds would drown the request log. */
const QUIET_PATHS = /^\/(health|metrics)(\/|$)/;

/**
 * One line per request when its response ends: method, URL, status, time and correlation id. Replaces
 * pino-http, which built three child loggers and serialised the whole request (every header, the bearer
 * token included) per request, at every log level; this costs a listener and a level check, and writes
 * no credentials. A 5xx logs at error, a response cut off before it finished at warn.
 */
export function requestLog(logger: Logger) {
  return (req: PlatformRequest, res: PlatformResponse, next: NextFunction): void => {
    if (!QUIET_PATHS.test(req.url ?? '')) {
      const started = Date.now();
      res.once('close', () => {
        const level = !res.writableFinished ? 'warn' : res.statusCode >= 500 ? 'error' : 'info';
        if (!logger.isLevelEnabled(level)) return;
        const line = {
          correlationId: req.correlationId,
          req: { method: req.method, url: req.originalUrl ?? req.url },
          res: { statusCode: res.statusCode },
          responseTime: Date.now() - started,
        };
        logger[level](line, level === 'warn' ? 'request aborted' : level === 'error' ? 'request errored' : 'request completed');
      });
    }
    next();
  };
}
