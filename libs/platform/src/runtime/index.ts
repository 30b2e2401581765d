export type { ServiceDefinition } from './service-definition';
export { SERVICE_IDENTITY, type ServiceIdentity } from './service-identity';
export { startService, type RunningService, type ServiceInfrastructure, type StartServiceOptions } from './start-service';
export { startEmbeddedPlatform, type EmbeddedPlatform, type EmbeddedPlatformOptions } from './embedded-platform';
export { runStandalone } from './run-standalone';
export { ProbeModule } from './probe/probe.module';
export { probeDecider, probeStream, type ProbeEvent, type ProbeCommand, type ProbeState } from './probe/probe.decide';
export type { ScheduledJob } from './scheduled-jobs';
export { probeReceiptsProjection } from './probe/probe.projection';
