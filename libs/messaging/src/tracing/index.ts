export { contextFrom, hasTraceContext, traceFields, tracer, TRACE_KEYS, TRACER_NAME } from './trace-context';
export { withConsumerSpan } from './consumer-span';
export { prepareTraced, publishTraced } from './publish-span';
