import fc from 'fast-check';
import { resolve, sampleOf, type OpenApiDocument, type Operation } from './openapi-samples';

/** One hostile or mistaken request for one operation, and what it breaks (for the failure message). */
export interface FuzzCase {
  readonly what: string;
  readonly path: string;
  readonly query: string;
  /** Raw body text (not always valid JSON), or undefined for none. */
  readonly body?: string;
}

const LONE_SURROGATE = '\ud800x';
const deep = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = { a: [v] };
  return v;
};
const GARBAGE_IDS = ['../../etc/passwd', '%2e%2e%2f%2e%2e%2fetc', 'x'.repeat(5_000), "' OR 1=1 --", '\u0000', '%F0%9F%92%A9', '%ED%A0%80', 'null', '-1', 'a b'];
const GARBAGE_QUERY_VALUES = ['-1', '0', '99999999999999999999', 'abc', '', '%ED%A0%80', 'eyJub3QiOiJhIGN1cnNvciJ9', '!!!', 'x'.repeat(3_000), '[object Object]'];

/** Replaces (or deletes) the value at a path of an object sample; undefined = delete. */
function setAt(root: unknown, path: readonly string[], value: unknown): unknown {
  const copy: unknown = structuredClone(root);
  let at = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object' || next === null) return copy;
    at = next as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

/** Every field path of a sample (objects and array items), so a case can break one of them. */
function fieldPaths(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (typeof value !== 'object' || value === null || prefix.length > 6) return out;
  for (const [k, v] of Object.entries(value)) {
    out.push([...prefix, k]);
    fieldPaths(v, [...prefix, k], out);
  }
  return out;
}

const WRONG_VALUES: readonly [string, unknown][] = [
  ['null', null],
  ['a number', 12345],
  ['a string', 'not-the-right-type'],
  ['a boolean', false],
  ['an object', { unexpected: true }],
  ['an array', [1, 'two', null]],
  ['a lone surrogate', LONE_SURROGATE],
  ['a 100 KB string', 'x'.repeat(100_000)],
  ['a 5,000-item array', Array.from({ length: 5_000 }, () => 'x')],
  ['a negative number', -1e12],
  ['a huge number', 1e308],
];

/** Every string of a sample changed by `change`, at any depth. */
const mapStrings = (value: unknown, change: (s: string) => string): unknown =>
  typeof value === 'string' ? change(value) : Array.isArray(value) ? value.map((v) => mapStrings(v, change)) : typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, change)])) : value;

/** Cases every operation with a body gets: the whole body wrong in one way. */
function wholeBodyCases(sample: unknown): { what: string; body: string }[] {
  return [
    { what: 'body: 2,000 levels of nesting', body: JSON.stringify({ ...(sample as object), deep: deep(2_000) }) },
    { what: 'body: null', body: 'null' },
    { what: 'body: {}', body: '{}' },
    { what: 'body: an array', body: '[]' },
    { what: 'body: not JSON', body: '{"a":' },
    { what: 'body: a lone surrogate in every string', body: JSON.stringify(mapStrings(sample, (s) => `${s}${LONE_SURROGATE}`)) },
    { what: 'body: every string 20 KB', body: JSON.stringify(mapStrings(sample, (s) => s.padEnd(20_000, 'x'))) },
    { what: 'body: an unknown field', body: JSON.stringify({ ...(sample as object), notAField: 1 }) },
  ];
}

/** Random cases: one field (at any depth) missing or of a wrong kind. */
function brokenFieldCases(sample: unknown): fc.Arbitrary<{ what: string; body: string }> | undefined {
  const paths = fieldPaths(sample);
  if (paths.length === 0) return undefined;
  return fc.record({ path: fc.constantFrom(...paths), wrong: fc.constantFrom(...WRONG_VALUES, ['missing', undefined] as [string, unknown]) }).map(({ path, wrong }) => ({
    what: `body.${path.join('.')}: ${wrong[0]}`,
    body: JSON.stringify(setAt(sample, path, wrong[1])),
  }));
}

/** The whole-body cases (for operations with a body) plus `count` random bad requests, reproducible by `seed`. */
export function casesFor(doc: OpenApiDocument, template: string, op: Operation, count: number, seed: number): FuzzCase[] {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const goodPath = pathParams.reduce((p, param) => p.replace(`{${param.name}}`, encodeURIComponent(String(sampleOf(doc, param.schema)))), template);
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const goodBody = op.requestBody ? JSON.stringify(sampleOf(doc, bodySchema) ?? {}) : undefined;

  const arbitraries: fc.Arbitrary<FuzzCase>[] = [];
  const fixed: FuzzCase[] = [];
  if (op.requestBody) {
    const sample = sampleOf(doc, bodySchema) ?? {};
    fixed.push(...wholeBodyCases(sample).map(({ what, body }) => ({ what, path: goodPath, query: '', body })));
    const broken = brokenFieldCases(sample);
    if (broken) arbitraries.push(broken.map(({ what, body }) => ({ what, path: goodPath, query: '', body })));
  }
  if (pathParams.length > 0) {
    arbitraries.push(
      fc.record({ param: fc.constantFrom(...pathParams), garbage: fc.constantFrom(...GARBAGE_IDS) }).map(({ param, garbage }) => ({
        what: `path ${param.name}: ${JSON.stringify(garbage.slice(0, 40))}`,
        path: template.replace(`{${param.name}}`, garbage.includes('%') ? garbage : encodeURIComponent(garbage)).replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(String(sampleOf(doc, pathParams.find((p) => p.name === n)?.schema)))),
        query: '',
        ...(goodBody !== undefined ? { body: goodBody } : {}),
      })),
    );
  }
  if (queryParams.length > 0) {
    arbitraries.push(
      fc.record({ param: fc.constantFrom(...queryParams), garbage: fc.constantFrom(...GARBAGE_QUERY_VALUES), twice: fc.boolean() }).map(({ param, garbage, twice }) => ({
        what: `query ${param.name}: ${JSON.stringify(garbage.slice(0, 40))}${twice ? ' (given twice)' : ''}`,
        path: goodPath,
        query: `?${param.name}=${garbage}${twice ? `&${param.name}=${garbage}` : ''}`,
        ...(goodBody !== undefined ? { body: goodBody } : {}),
      })),
    );
  }
  if (arbitraries.length === 0) return [...fixed, { what: 'as documented', path: goodPath, query: '?unknown=%ED%A0%80' }];
  return [...fixed, ...fc.sample(fc.oneof(...arbitraries), { seed, numRuns: count })];
}

export const requiredBodyFields = (doc: OpenApiDocument, op: Operation): string[] => resolve(doc, op.requestBody?.content?.['application/json']?.schema).required ?? [];
