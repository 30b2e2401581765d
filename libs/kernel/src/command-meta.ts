import type { EventMetadata } from './event-store.port';

/**
 * What travels with every command besides its data: the one spelling of command metadata.
 * - `commandId` identifies the command (a request's Idempotency-Key scoped to the caller, the source
 *   event's id for a consumer, a job's run); the ids of the events it causes derive from it, so the
 *   same command handled again appends nothing.
 * - `correlationId` follows a request and everything it causes across services; `causationId` names
 *   the command or event that caused this one (default: the command id).
 */
export interface CommandMeta {
  readonly commandId: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** Extra metadata stored with the events (e.g. `integration: true`). */
  readonly metadata?: EventMetadata;
}
