import { context, defaultTextMapGetter, defaultTextMapSetter, trace, type Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * W3C trace context (`traceparent`, `tracestate`) in and out of plain string maps: HTTP headers, Kafka
 * headers and event metadata use the same two keys. Our own propagator instance, not the global one,
 * so propagation does not depend on which SDK (if any) a process registered. With no SDK, the API is
 * a no-op: there is no active span, nothing is written, and an incoming traceparent passes through.
 */
export const TRACE_KEYS = ['traceparent', 'tracestate'] as const;

/** The instrumentation scope of HOPE's own spans. */
export const TRACER_NAME = 'hope';

const propagator = new W3CTraceContextPropagator();

/** `{ traceparent, tracestate? }` of `ctx` (default: the active context); `{}` outside a sampled span. */
export function traceFields(ctx: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagator.inject(ctx, carrier, defaultTextMapSetter);
  return carrier;
}

/** The context a carrier (headers or event metadata) continues, on top of `base`. */
export function contextFrom(carrier: Readonly<Record<string, unknown>> | undefined, base: Context = context.active()): Context {
  if (!carrier || typeof carrier.traceparent !== 'string') return base;
  const strings: Record<string, string> = { traceparent: carrier.traceparent };
  if (typeof carrier.tracestate === 'string') strings.tracestate = carrier.tracestate;
  return propagator.extract(base, strings, defaultTextMapGetter);
}

export const hasTraceContext = (carrier: Readonly<Record<string, unknown>> | undefined): boolean => typeof carrier?.traceparent === 'string';

export const tracer = () => trace.getTracer(TRACER_NAME);
