export { contextFrom, hasTraceContext, traceFields, tracer, TRACE_KEYS, TRACER_NAME } from './trace-context';
export { withConsumerSpan } from './consumer-span';
export { publishTraced } from './publish-span';
