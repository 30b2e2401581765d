import { createEventRegistry, EventSchemaValidator, type EventEnvelope } from '@hope/contracts';

/** Set (to 1) by the jest setup: every envelope a service builds is checked against its JSON Schema. */
export const VALIDATE_EVENTS_FLAG = 'HOPE_VALIDATE_EVENTS';

let validator: EventSchemaValidator | undefined;

/**
 * Under test, throws EventSchemaMismatch when a produced envelope breaks its published schema, so the
 * whole suite checks that what services publish is what docs/asyncapi.yaml promises. Off otherwise
 * (one env lookup). Types the registry does not know are left alone (libraries' own specs publish
 * synthetic types, and a consumer dead-letters an unknown type anyway), and so is a contract without a
 * schema yet: libs/contracts/test/schemas.unit.spec.ts fails for that one, in one clear place.
 */
export function checkProducedEvent(envelope: EventEnvelope): void {
  if (process.env[VALIDATE_EVENTS_FLAG] !== '1') return;
  validator ??= new EventSchemaValidator(createEventRegistry());
  if (!validator.hasSchema(envelope.type, envelope.version)) return;
  try {
    validator.assertEnvelope(envelope);
  } catch (error) {
    // The relay retries a failed batch forever; the warning makes the cause visible in the test output.
    process.emitWarning((error as Error).message, 'EventSchemaMismatch');
    throw error;
  }
}
