import type { EventEnvelope } from './envelope';
import type { JsonSchema } from './schema/json-schema';

/** Turns the payload of version `n` into the payload of version `n + 1`. Pure, total for valid input. */
export type Upcaster = (data: unknown) => unknown;

export interface EventDefinition<T = unknown> {
  readonly type: string;
  /** The current version: what handlers see after upcasting. */
  readonly version: number;
  /** Validates a current-version payload and returns it typed; throws EventPayloadError otherwise. */
  readonly parse: (data: unknown) => T;
  /** upcasters[n] lifts version n to n + 1; every version below `version` needs one. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
  /**
   * The JSON Schema of each version's payload, 1 through `version` (what a producer of that version
   * sends). Required in practice: test/schemas.unit.spec.ts fails for a contract without them.
   */
  readonly schemas?: Readonly<Record<number, JsonSchema>>;
}

export class UnknownEventType extends Error {
  constructor(readonly type: string) {
    super(`Unknown integration event type "${type}"`);
    this.name = 'UnknownEventType';
  }
}

export class UnsupportedEventVersion extends Error {
  constructor(readonly type: string, readonly version: number, readonly latest: number) {
    super(`Event "${type}" v${version} is not supported (latest known is v${latest})`);
    this.name = 'UnsupportedEventVersion';
  }
}

export class EventPayloadError extends Error {
  constructor(readonly type: string, readonly field: string, readonly reason: string) {
    super(`Event "${type}": field "${field}" ${reason}`);
    this.name = 'EventPayloadError';
  }
}

/**
 * The typed catalogue of integration events. Old versions are upcast when read (from a store or a
 * topic), never rewritten: a handler only ever sees the current version.
 */
export class EventRegistry {
  private readonly definitions = new Map<string, EventDefinition>();

  register<T>(definition: EventDefinition<T>): EventDefinition<T> {
    if (this.definitions.has(definition.type)) throw new Error(`Event type "${definition.type}" registered twice`);
    for (let v = 1; v < definition.version; v++) {
      if (!definition.upcasters?.[v]) throw new Error(`Event type "${definition.type}" lacks an upcaster from v${v}`);
    }
    this.definitions.set(definition.type, definition as EventDefinition);
    return definition;
  }

  has(type: string): boolean {
    return this.definitions.has(type);
  }

  definition(type: string): EventDefinition {
    const d = this.definitions.get(type);
    if (!d) throw new UnknownEventType(type);
    return d;
  }

  types(): string[] {
    return [...this.definitions.keys()];
  }

  /** Returns the envelope at the current version of its type, with a validated payload. */
  upcast<T = unknown>(envelope: EventEnvelope): EventEnvelope<T> {
    const d = this.definition(envelope.type);
    if (envelope.version > d.version) throw new UnsupportedEventVersion(envelope.type, envelope.version, d.version);
    let data = envelope.data;
    for (let v = envelope.version; v < d.version; v++) data = d.upcasters![v]!(data);
    return { ...envelope, version: d.version, data: d.parse(data) as T };
  }
}
