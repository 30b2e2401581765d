export * from './tokens';
export type { SharedState } from './shared-state/shared-state.port';

// config
export { ConfigError, EnvReader, type Env } from './config/env-reader';
export {
  loadPlatformConfig,
  LOG_LEVELS,
  NODE_ENVS,
  type AuthConfig,
  type AuthKeySource,
  type LogLevel,
  type NodeEnv,
  type PlatformConfig,
  type PlatformConfigDefaults,
} from './config/platform-config';
export { KAFKA_SASL_MECHANISMS, type KafkaConnectionConfig, type KafkaSaslMechanism } from './config/kafka-config';

// errors and HTTP error mapping
export {
  ConcurrencyError,
  DomainError,
  ForbiddenError,
  IllegalStateError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
  type FieldProblem,
} from './errors/domain-errors';
export { PROBLEM_CONTENT_TYPE, toProblem, type ProblemDetails } from './http/problem';
export { ProblemFilter, type ErrorSink } from './http/problem.filter';
export { createValidationPipe, flattenValidationErrors } from './http/validation.pipe';
export { jsonBodyProblem } from './http/json-shape.middleware';
export { Query } from './http/query-params.guard';
export { IsCalendarDate, isCalendarDate } from './http/calendar-date.validator';
export { BAD_CURSOR_PROBLEM, badCursor, cursorCodec, isPositionKey, isStringKey, isStringPairKey, MAX_CURSOR_LENGTH, PagingCursorParam, withTaggedCursor, type CursorCodec, type CursorKeyShape } from './http/paging-cursor';
export type { PlatformRequest, PlatformResponse } from './http/http-types';

// OpenAPI: problem+json once, the platform's errors on every operation
export { ApiProblems, type ProblemSpec } from './openapi/api-problems.decorator';
export { buildOpenApiDocument, completeOpenApiDocument, type OpenApiInfo } from './openapi/openapi-document';
export { PROBLEM_SCHEMA, FIELD_PROBLEM_SCHEMA, PROBLEM_REF, type ProblemStatus } from './openapi/problem.schema';

// auth
export { ROLES, isRole, type Principal, type Role } from './auth/principal';
export { CurrentPrincipal, Public, Roles } from './auth/auth.decorators';
export { AuthGuard } from './auth/auth.guard';
export { DevIssuer, type DevTokenClaims } from './auth/dev-issuer';
export { devSecretIn, DEV_SECRET_FILE } from './auth/dev-secret-file';
export { TokenVerifier } from './auth/token-verifier';

// health, metrics, logging
export { ReadinessRegistry, type ReadinessCheck, type ReadinessResult } from './health/readiness.registry';
export { MetricsService } from './metrics/metrics.service';
export {
  CORRELATION_HEADER,
  currentCorrelationId,
  currentRequestContext,
  runWithCorrelation,
  type RequestContext,
} from './logging/request-context';
export { ServiceLogger, createRootLogger } from './logging/service-logger';

// idempotency
export { Idempotent, IDEMPOTENCY_HEADER, type IdempotentOptions } from './idempotency/idempotent.decorator';
export { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
export { CommandMeta, commandMetaOf, idempotencyKeyOf } from './idempotency/command-meta';
export { forgetAnswersOf } from './idempotency/caller-answers';

// shared state
export { MemorySharedState } from './shared-state/memory-shared-state';
export { RedisSharedState, DEFAULT_REDIS_URL, type RedisSharedStateOptions } from './shared-state/redis-shared-state';

// app wiring
export { PlatformModule, type PlatformParts } from './app/platform.module';
export { createServiceApp, type ServiceApp, type ServiceAppOptions } from './app/create-service-app';

// calls between services
export { ServiceClient, RemoteProblemError, ServiceUnavailableError, type ServiceRequest, type ServiceUrls, type ServiceTokenSource } from './service-client/service-client';

// service runtime (composition of the parts above with the event store, bus and relay)
export * from './runtime';

// tracing (OpenTelemetry, off unless OTEL_* asks for it: decision 0028)
export * from './tracing';
