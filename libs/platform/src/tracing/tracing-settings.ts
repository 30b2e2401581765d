/**
 * Whether this process exports traces, from the standard OpenTelemetry variables. Off by default
 * (unlike the SDK's own default of `otlp`): a service traces only when told where to send spans.
 * - `OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none`: off.
 * - `OTEL_TRACES_EXPORTER=otlp` (OTLP over HTTP, to `OTEL_EXPORTER_OTLP_ENDPOINT` or
 *   `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, default http://localhost:4318) or `console`: on.
 * - unset: on (otlp) when one of the two endpoint variables is set, else off.
 * `OTEL_SERVICE_NAME` names the service (default: the service's own name, or `hope` in embedded mode).
 */
export interface TracingSettings {
  readonly exporter: 'otlp' | 'console';
  readonly serviceName: string;
}

export class TracingConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TracingConfigError';
  }
}

export function tracingSettingsFrom(env: Readonly<Record<string, string | undefined>>, defaultServiceName: string): TracingSettings | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || defaultServiceName;
  const named = env.OTEL_TRACES_EXPORTER?.split(',')[0]?.trim().toLowerCase();
  if (named === undefined || named === '') {
    const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
    return endpoint ? { exporter: 'otlp', serviceName } : undefined;
  }
  if (named === 'none') return undefined;
  if (named === 'otlp' || named === 'console') return { exporter: named, serviceName };
  throw new TracingConfigError(`OTEL_TRACES_EXPORTER must be otlp, console or none (got "${env.OTEL_TRACES_EXPORTER}")`);
}
