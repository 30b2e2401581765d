/**
 * JSON Schemas (draft-07, the dialect AsyncAPI's schema format extends) of the integration events,
 * written next to each contract's reader. Plain data: the AsyncAPI document embeds them and the test
 * runs validate every produced event against them (see schema/event-validator.ts).
 *
 * The builders mirror PayloadReader, so a schema reads like the parse function beside it:
 * `string` is `r.string` (non-empty), `optionalString` is `r.optionalString` (may be absent or null),
 * `timestamp` is `r.timestamp`, `integer` is `r.integer`, `oneOf` is `r.oneOf`. Objects stay open
 * (additional properties allowed): readers ignore unknown fields, which is how additive changes ship.
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

export const string: JsonSchema = { type: 'string', minLength: 1 };
export const optionalString: JsonSchema = { type: ['string', 'null'] };
export const anyString: JsonSchema = { type: 'string' };
export const timestamp: JsonSchema = { type: 'string', format: 'date-time' };
export const boolean: JsonSchema = { type: 'boolean' };
export const number: JsonSchema = { type: 'number' };
export const stringArray: JsonSchema = { type: 'array', items: { type: 'string' } };

export const integer = (range: { min?: number; max?: number } = {}): JsonSchema => ({
  type: 'integer',
  ...(range.min !== undefined ? { minimum: range.min } : {}),
  ...(range.max !== undefined ? { maximum: range.max } : {}),
});

export const oneOf = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });

export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

/** An object: `required` fields must be present, `optional` ones may be absent. */
export const object = (required: Record<string, JsonSchema>, optional: Record<string, JsonSchema> = {}, description?: string): JsonSchema => ({
  type: 'object',
  ...(description !== undefined ? { description } : {}),
  required: Object.keys(required),
  properties: { ...required, ...optional },
});

/** Text in Chinese, English or both; `required` texts need at least one of the two. */
export const localizedText = (required: boolean): JsonSchema => ({
  type: 'object',
  properties: { en: optionalString, zh: optionalString },
  ...(required ? { anyOf: [{ type: 'object', required: ['en'], properties: { en: anyString } }, { type: 'object', required: ['zh'], properties: { zh: anyString } }] } : {}),
});

/** A field a reader treats as absent when null (`r.has`): the schema, or null. */
export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

/** An object whose every value is a string (ids keyed by name, conditions). */
export const stringMap: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };
