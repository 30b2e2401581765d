import { ValidationError } from '../errors/domain-errors';
import type { PlatformRequest } from './http-types';

export interface JsonShapeLimits {
  /** Objects and arrays nested deeper than this are refused (our bodies nest a few levels). */
  readonly maxDepth: number;
  /** Values (object members and array items) in one body. */
  readonly maxValues: number;
}

export const DEFAULT_JSON_SHAPE: JsonShapeLimits = { maxDepth: 32, maxValues: 20_000 };

/**
 * Runs right after the JSON body parser, before validation, fingerprints or handlers see the body:
 * a body must be a JSON object, nested at most `maxDepth` deep with at most `maxValues` values, its
 * text well-formed Unicode (a lone surrogate cannot be stored or published as UTF-8 without loss,
 * and it broke validators further in) and free of control characters other than tab, line feed and
 * carriage return (a NUL in an expert's name was stored, then shown, exported to CSV and indexed).
 * Walked with an explicit stack, so a hostile 2,000-level body cannot overflow ours; the 400 names
 * where the body went wrong.
 */
export function guardJsonShape(limits: JsonShapeLimits = DEFAULT_JSON_SHAPE) {
  return (req: PlatformRequest, _res: unknown, next: (error?: unknown) => void): void => {
    if (!isJson(req)) return next();
    const body = req.body;
    if (body === undefined) return next();
    return next(jsonBodyProblem(body, limits));
  };
}

/**
 * What `guardJsonShape` refuses in a body, for values that arrive by another way than a JSON request body
 * (an NDJSON or CSV import's rows): not an object, too deep or too many values, malformed Unicode, a
 * control character. Undefined when the value passes.
 */
export function jsonBodyProblem(body: unknown, limits: JsonShapeLimits = DEFAULT_JSON_SHAPE): ValidationError | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return new ValidationError('REQUEST.BODY_NOT_OBJECT', 'The request body must be a JSON object', [{ field: 'body', reason: `must be a JSON object, got ${describe(body)}` }]);
  }
  const problem = findShapeProblem(body, limits);
  if (!problem) return undefined;
  return problem.kind === 'text'
    ? new ValidationError('REQUEST.MALFORMED_TEXT', problem.control ? 'The request body holds a control character' : 'The request body holds text that is not well-formed Unicode', [{ field: problem.field, reason: problem.reason }])
    : new ValidationError('REQUEST.BODY_TOO_COMPLEX', 'The request body is nested too deeply or holds too many values', [problem]);
}

const LONE_SURROGATE = /\p{Surrogate}/u;
// C0 controls but TAB, LF and CR: no text a person types holds them.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

function findShapeProblem(root: object, limits: JsonShapeLimits): { kind: 'shape' | 'text'; field: string; reason: string; control?: true } | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 1 }];
  let values = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) return { kind: 'text', field: path, reason: 'holds a lone surrogate (not well-formed Unicode)' };
    if (typeof value === 'string' && CONTROL.test(value)) return { kind: 'text', control: true, field: path, reason: `holds the control character U+${controlCode(value)} (only tab, line feed and carriage return are allowed)` };
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limits.maxDepth) return { kind: 'shape', field: path || 'body', reason: `nests deeper than ${limits.maxDepth} levels` };
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    values += entries.length;
    if (values > limits.maxValues) return { kind: 'shape', field: path || 'body', reason: `the body holds more than ${limits.maxValues} values` };
    for (const [key, child] of entries) {
      const at = path === '' ? key : `${path}.${key}`;
      if (LONE_SURROGATE.test(key)) return { kind: 'text', field: at.replace(LONE_SURROGATE, '\uFFFD'), reason: 'the field name holds a lone surrogate' };
      if (CONTROL.test(key)) return { kind: 'text', control: true, field: at.replace(new RegExp(CONTROL.source, 'g'), '\uFFFD'), reason: 'the field name holds a control character' };
      stack.push({ value: child, path: at, depth: depth + 1 });
    }
  }
  return undefined;
}

const controlCode = (text: string): string => (text.match(CONTROL)?.[0] ?? '').charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
const isJson = (req: PlatformRequest): boolean => /\bjson\b/i.test(String(req.headers['content-type'] ?? ''));
const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);
