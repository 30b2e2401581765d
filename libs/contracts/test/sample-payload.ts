import type { JsonSchema } from '@hope/contracts';

const at = '2030-03-04T08:00:00.000Z';

type Schema = JsonSchema & { type?: string | string[]; enum?: unknown[]; anyOf?: Schema[]; format?: string; minimum?: number; maximum?: number; items?: Schema; properties?: Record<string, Schema>; required?: string[]; additionalProperties?: Schema | boolean };

const typeOf = (s: Schema): string | undefined => (Array.isArray(s.type) ? s.type[0] : s.type);

/** A payload the schema accepts, with every declared field present (optional ones too). */
export function validSample(schema: JsonSchema, name = 'value'): unknown {
  const s = schema as Schema;
  if (s.enum) return s.enum[0];
  if (!s.type && s.anyOf) return validSample(s.anyOf[0]!, name);
  switch (typeOf(s)) {
    case 'string':
      return s.format === 'date-time' ? at : `${name}-1`;
    case 'integer':
      return Math.min(Math.max(s.minimum ?? 1, 1), s.maximum ?? Number.MAX_SAFE_INTEGER);
    case 'number':
      return 0.5;
    case 'boolean':
      return true;
    case 'array':
      return [validSample(s.items ?? {}, name)];
    case 'object': {
      const fields = Object.entries(s.properties ?? {}).map(([k, v]) => [k, validSample(v, k)] as const);
      if (fields.length === 0 && typeof s.additionalProperties === 'object') return { key: validSample(s.additionalProperties, 'key') };
      return Object.fromEntries(fields);
    }
    default:
      return 'anything';
  }
}

/** A value of the wrong JSON type for the schema (a string where a number goes, a number where a string goes). */
export function wrongType(schema: JsonSchema): unknown {
  const type = typeOf(schema as Schema);
  return type === 'string' || (type === undefined && (schema as Schema).enum) ? 42 : 'not-the-right-type';
}

export interface Variant {
  readonly label: string;
  readonly data: unknown;
}

/** Payloads the schema rejects: each required field missing, of the wrong type, off its enum, below its minimum. */
export function invalidVariants(schema: JsonSchema, valid: Record<string, unknown>): Variant[] {
  const s = schema as Schema;
  const out: Variant[] = [{ label: 'not an object', data: ['an', 'array'] }];
  for (const field of s.required ?? []) {
    const fieldSchema = s.properties?.[field] ?? {};
    const { [field]: _dropped, ...rest } = valid;
    out.push({ label: `${field} missing`, data: rest });
    out.push({ label: `${field} of the wrong type`, data: { ...valid, [field]: wrongType(fieldSchema) } });
    const f = fieldSchema as Schema;
    if (f.enum) out.push({ label: `${field} off its enum`, data: { ...valid, [field]: 'not-one-of-these' } });
    if (f.minimum !== undefined) out.push({ label: `${field} below its minimum`, data: { ...valid, [field]: f.minimum - 1 } });
    if (f.maximum !== undefined) out.push({ label: `${field} above its maximum`, data: { ...valid, [field]: f.maximum + 1 } });
    if ((f as { minLength?: number }).minLength === 1) out.push({ label: `${field} empty`, data: { ...valid, [field]: '' } });
    if (f.format === 'date-time') out.push({ label: `${field} not a timestamp`, data: { ...valid, [field]: 'next tuesday' } });
  }
  return out;
}
