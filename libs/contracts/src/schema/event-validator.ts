import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { EventEnvelope } from '../envelope';
import type { EventRegistry } from '../registry';
import { envelopeSchema } from './envelope.schema';
import type { JsonSchema } from './json-schema';

/** An event that does not match its published schema: the producer broke its contract. */
export class EventSchemaMismatch extends Error {
  constructor(readonly type: string, readonly version: number, readonly errors: readonly string[]) {
    super(`Event "${type}" v${version} does not match its schema: ${errors.join('; ')}`);
    this.name = 'EventSchemaMismatch';
  }
}

/**
 * Checks envelopes against the JSON Schemas of the registry's contracts (the envelope's, then the
 * payload's for its type and version). Schemas are compiled on first use. Tests run every envelope a
 * service publishes through one of these (see `envelopeOf` in @hope/messaging).
 */
export class EventSchemaValidator {
  private readonly ajv = addFormats(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }));
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly registry: EventRegistry) {}

  /** Whether the registry has a schema for this type and version. */
  hasSchema(type: string, version: number): boolean {
    return this.registry.has(type) && this.registry.definition(type).schemas?.[version] !== undefined;
  }

  /** The errors of `data` against the schema of `type` v`version`; [] when it matches. */
  payloadErrors(type: string, version: number, data: unknown): string[] {
    const schema = this.registry.definition(type).schemas?.[version];
    if (!schema) return [`no schema for ${type} v${version}`];
    return this.errorsOf(`${type}@${version}`, schema, data);
  }

  envelopeErrors(envelope: unknown): string[] {
    const errors = this.errorsOf('envelope', envelopeSchema, envelope);
    if (errors.length > 0) return errors;
    const e = envelope as EventEnvelope;
    return this.payloadErrors(e.type, e.version, e.data).map((error) => `data${error}`);
  }

  /** Throws EventSchemaMismatch naming every mismatch. */
  assertEnvelope(envelope: EventEnvelope): void {
    const errors = this.envelopeErrors(envelope);
    if (errors.length > 0) throw new EventSchemaMismatch(envelope.type, envelope.version, errors);
  }

  private errorsOf(key: string, schema: JsonSchema, value: unknown): string[] {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  }
}
