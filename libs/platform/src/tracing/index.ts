export { flushTracing, startTracing, type TracingHandle } from './tracing-sdk';
export { tracingSettingsFrom, TracingConfigError, type TracingSettings } from './tracing-settings';
export { startRequestSpan, enterTraceContext } from './http-span.middleware';
export { withClientSpan } from './client-span';
export { TracedAggregateHandler } from './traced-aggregate-handler';
