import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { traceFields, tracer } from '@hope/messaging';

/**
 * A call to another service as a CLIENT span (all its retries inside); `send` gets the headers that
 * carry the span's context (`traceparent`, `tracestate`), empty when nothing is traced.
 */
export async function withClientSpan<T>(service: string, method: string, path: string, send: (traceHeaders: Record<string, string>) => Promise<T>): Promise<T> {
  const span = tracer().startSpan(`${method} ${service}`, { kind: SpanKind.CLIENT, attributes: { 'http.request.method': method, 'url.path': path, 'server.address': service } });
  try {
    return await send(traceFields(trace.setSpan(context.active(), span)));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}
