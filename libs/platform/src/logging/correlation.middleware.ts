import type { Logger } from 'pino';
import type { NextFunction, PlatformRequest, PlatformResponse } from '../http/http-types';
import { CORRELATION_HEADER, acceptCorrelationId, newCorrelationId, runWithCorrelation } from './request-context';

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
    const correlationId = req.correlationId ?? newCorrelationId();
    runWithCorrelation({ correlationId, logger: root.child({ correlationId }) }, next);
  };
}
