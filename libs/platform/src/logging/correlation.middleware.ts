import type { Logger } from 'pino';
import type { NextFunction, PlatformRequest, PlatformResponse } from '../http/http-types';
import { CORRELATION_HEADER, acceptCorrelationId, newCorrelationId, runWithCorrelation, type RequestContext } from './request-context';

/**
 * First middleware of the app: fixes the request's correlation id (the caller's or a new one) and
 * echoes it, before the body parser so even a malformed body gets one.
 */
export function assignCorrelationId(req: PlatformRequest, res: PlatformResponse, next: NextFunction): void {
  const id = acceptCorrelationId(req.headers[CORRELATION_HEADER]) ?? newCorrelationId();
  req.correlationId = id;
  res.setHeader(CORRELATION_HEADER, id);
  next();
}

/**
 * Enters the async context. Registered after the body parser: body-parser resumes in the socket's
 * async context, which would drop a context entered earlier.
 */
export function enterRequestContext(root: Logger) {
  return (req: PlatformRequest, _res: PlatformResponse, next: NextFunction): void => {
    runWithCorrelation(new RequestLogContext(req.correlationId ?? newCorrelationId(), root), next);
  };
}

/** The request's child logger is made the first time something logs, not for every request. */
class RequestLogContext implements RequestContext {
  private child: Logger | undefined;

  constructor(
    readonly correlationId: string,
    private readonly root: Logger,
  ) {}

  get logger(): Logger {
    return (this.child ??= this.root.child({ correlationId: this.correlationId }));
  }
}
