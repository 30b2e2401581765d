import { createEventRegistry, EventPayloadError, EventSchemaMismatch, EventSchemaValidator, newEnvelope, PUBLISHED_EVENTS, type JsonSchema } from '@hope/contracts';
import { invalidVariants, validSample } from './sample-payload';

const registry = createEventRegistry();
const validator = new EventSchemaValidator(registry);

/** Every (type, version) the registry knows, oldest first. */
const contracts = registry.types().flatMap((type) => {
  const d = registry.definition(type);
  return Array.from({ length: d.version }, (_, i) => ({ type, version: i + 1, schema: d.schemas?.[i + 1] }));
});

/** What a consumer's reader says: the payload read at `version`, upcast and parsed; or the error. */
const readerVerdict = (type: string, version: number, data: unknown): 'accepts' | 'rejects' => {
  try {
    registry.upcast(newEnvelope({ type, version, stream: 's-1', data, occurredAt: '2030-03-04T08:00:00.000Z' }));
    return 'accepts';
  } catch (error) {
    if (error instanceof EventPayloadError || error instanceof TypeError) return 'rejects';
    throw error;
  }
};
const schemaVerdict = (type: string, version: number, data: unknown): 'accepts' | 'rejects' => (validator.payloadErrors(type, version, data).length === 0 ? 'accepts' : 'rejects');

describe('event schemas: every contract has one', () => {
  it.each(contracts)('$type v$version has a JSON Schema next to its definition', ({ schema }) => {
    expect(schema).toMatchObject({ type: 'object' });
  });

  it.each(registry.types())('%s is published on a topic (PUBLISHED_EVENTS)', (type) => {
    expect(Object.values(PUBLISHED_EVENTS).some((events) => events.some((d) => d.type === type))).toBe(true);
  });
});

describe('event schemas agree with the payload readers', () => {
  const withSchema = contracts.filter((c): c is typeof c & { schema: JsonSchema } => c.schema !== undefined);

  it.each(withSchema)('$type v$version: a full sample is accepted by both', ({ type, version, schema }) => {
    const sample = validSample(schema);
    expect(validator.payloadErrors(type, version, sample)).toEqual([]);
    expect(readerVerdict(type, version, sample)).toBe('accepts');
  });

  it.each(withSchema)('$type v$version: the sample without its optional fields is accepted by both', ({ type, version, schema }) => {
    const sample = validSample(schema) as Record<string, unknown>;
    const required = new Set((schema as { required?: string[] }).required ?? []);
    const minimal = Object.fromEntries(Object.entries(sample).filter(([k]) => required.has(k)));
    expect(schemaVerdict(type, version, minimal)).toBe('accepts');
    expect(readerVerdict(type, version, minimal)).toBe('accepts');
  });

  it.each(withSchema)('$type v$version: broken samples are rejected by both', ({ type, version, schema }) => {
    const variants = invalidVariants(schema, validSample(schema) as Record<string, unknown>);
    const verdicts = variants.map((v) => ({ label: v.label, schema: schemaVerdict(type, version, v.data), reader: readerVerdict(type, version, v.data) }));
    expect(verdicts.filter((v) => v.schema !== 'rejects' || v.reader !== 'rejects')).toEqual([]);
  });
});

describe('the validator the test runs hook into envelopeOf', () => {
  it('names the field of a payload that breaks its schema, and of a broken envelope', () => {
    const envelope = newEnvelope({ type: 'PointsReserved', version: 1, stream: 'account-e-1', occurredAt: '2030-03-04T08:00:00.000Z', data: { ...(validSample(registry.definition('PointsReserved').schemas![1]!) as object), points: 0 } });
    expect(() => validator.assertEnvelope(envelope)).toThrow(EventSchemaMismatch);
    expect(validator.envelopeErrors(envelope)).toEqual(['data/points must be >= 1']);
    expect(validator.envelopeErrors({ ...envelope, correlationId: '' })).toEqual(['/correlationId must NOT have fewer than 1 characters']);
  });

  it('refuses a version that has no schema', () => {
    expect(validator.payloadErrors('PointsReserved', 2, {})).toEqual(['no schema for PointsReserved v2']);
  });
});
