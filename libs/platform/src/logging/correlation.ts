// Import path some callers (runtime/probe) use; the context lives in request-context.ts.
export { CORRELATION_HEADER, currentCorrelationId, runWithCorrelation } from './request-context';
