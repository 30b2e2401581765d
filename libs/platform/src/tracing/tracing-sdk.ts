import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { tracingSettingsFrom } from './tracing-settings';

export interface TracingHandle {
  readonly serviceName: string;
  /** Exports what is buffered (a service's stop calls it; the process may exit next). */
  flush(): Promise<void>;
}

let started: Promise<TracingHandle | undefined> | undefined;

/**
 * Registers the OpenTelemetry SDK once per process when the environment asks for traces (see
 * tracing-settings.ts); otherwise loads nothing and the API stays a no-op. Embedded mode runs every
 * service in one process: the first to start registers, spans tell services apart by `hope.service`.
 */
export function startTracing(env: Readonly<Record<string, string | undefined>>, defaultServiceName: string): Promise<TracingHandle | undefined> {
  started ??= register(env, defaultServiceName);
  return started;
}

/** Exports the spans buffered so far; nothing when tracing is off. */
export async function flushTracing(): Promise<void> {
  await (await started)?.flush();
}

async function register(env: Readonly<Record<string, string | undefined>>, defaultServiceName: string): Promise<TracingHandle | undefined> {
  const settings = tracingSettingsFrom(env, defaultServiceName);
  if (!settings) return undefined;
  // Loaded only when tracing is on: no SDK in a process that does not trace.
  const [{ NodeTracerProvider, BatchSpanProcessor, ConsoleSpanExporter }, { resourceFromAttributes }, { ATTR_SERVICE_NAME }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/semantic-conventions'),
  ]);
  // The endpoint from the env we were given (embedded mode merges its own); the exporter reads the
  // other OTEL_EXPORTER_OTLP_* variables (headers, timeout) from the process itself.
  const url = otlpTracesUrl(env);
  const exporter =
    settings.exporter === 'console' ? new ConsoleSpanExporter() : new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter(url ? { url } : {});
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  // A collector that is down must not fail a service's stop: the spans are lost, the service is not.
  return { serviceName: settings.serviceName, flush: () => provider.forceFlush().catch(() => undefined) };
}

/** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, or OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces` (the spec's rule). */
function otlpTracesUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (traces) return traces;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}
