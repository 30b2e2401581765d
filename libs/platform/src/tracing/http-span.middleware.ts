import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextFrom, tracer } from '@hope/messaging';
import type { NextFunction, PlatformRequest, PlatformResponse } from '../http/http-types';
import { requestPath } from '../http/http-types';

/**
 * An incoming request as a SERVER span, continuing the caller's `traceparent`. Started before the body
 * parser (so a refused body is traced too) and ended when the response is sent; the context is entered
 * later by `enterTraceContext`, after the body parser, which would drop it (see enterRequestContext).
 */
export function startRequestSpan(service: string) {
  return (req: PlatformRequest, res: PlatformResponse, next: NextFunction): void => {
    const parent = contextFrom(req.headers as Record<string, unknown>, ROOT_CONTEXT);
    const span = tracer().startSpan(
      `${req.method ?? 'HTTP'}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '', 'url.path': requestPath(req), 'hope.service': service } },
      parent,
    );
    req.traceContext = trace.setSpan(parent, span);
    if (span.isRecording()) {
      res.once('finish', () => {
        const route = typeof req.route?.path === 'string' ? `${req.baseUrl ?? ''}${req.route.path}` : undefined;
        if (route) span.updateName(`${req.method} ${route}`).setAttribute('http.route', route);
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
      res.once('close', () => span.isRecording() && span.end());
    }
    next();
  };
}

/** Runs the rest of the request inside its span's context: what it appends and calls carries the trace. */
export function enterTraceContext(req: PlatformRequest, _res: PlatformResponse, next: NextFunction): void {
  if (req.traceContext) context.with(req.traceContext, next);
  else next();
}
