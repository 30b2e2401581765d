import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { IdempotentReplay } from '../idempotency/stored-response';
import { currentCorrelationId } from '../logging/request-context';
import { requestPath, type PlatformRequest, type PlatformResponse } from './http-types';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';

/** What the filter needs from a logger; a pino logger fits. */
export interface ErrorSink {
  error(obj: object, msg: string): void;
}

/**
 * The one global filter: every error leaving a route (or the router: 404s, body-parser failures)
 * becomes problem+json. Internal errors are logged with their stack and answered with a fixed text.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(private readonly log: ErrorSink) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    // Message handlers (@EventPattern) have their own error semantics: retries and dead letters.
    if (host.getType() !== 'http') return throwError(() => exception);
    const req = host.switchToHttp().getRequest<PlatformRequest>();
    const res = host.switchToHttp().getResponse<PlatformResponse>();
    if (res.headersSent) return;

    if (exception instanceof IdempotentReplay) {
      const { status, contentType, body } = exception.response;
      res.setHeader('Idempotent-Replayed', 'true');
      res.status(status).type(contentType);
      if (body === undefined || body === null) res.end();
      else res.json(body);
      return;
    }

    const correlationId = req.correlationId ?? currentCorrelationId();
    const { problem, headers, internal } = toProblem(exception, {
      instance: requestPath(req),
      hadIfMatch: req.headers['if-match'] !== undefined,
      ...(correlationId !== undefined ? { correlationId } : {}),
    });
    if (internal) {
      this.log.error({ err: exception, correlationId, method: req.method, path: problem.instance }, 'Unhandled error');
    }
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).json(problem);
  }
}
