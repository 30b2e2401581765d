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
 * and it broke validators further in).
 * Walked with an explicit stack, so a hostile 2,000-level body cannot overflow ours; the 400 names
 * where the body went wrong.
 */
export function guardJsonShape(limits: JsonShapeLimits = DEFAULT_JSON_SHAPE) {
  return (req: PlatformRequest, _res: unknown, next: (error?: unknown) => void): void => {
    if (!isJson(req)) return next();
    const body = req.body;
    if (body === undefined) return next();
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return next(new ValidationError('REQUEST.BODY_NOT_OBJECT', 'The request body must be a JSON object', [{ field: 'body', reason: `must be a JSON object, got ${describe(body)}` }]));
    }
    const problem = findShapeProblem(body, limits);
    if (!problem) return next();
    return next(
      problem.kind === 'text'
        ? new ValidationError('REQUEST.MALFORMED_TEXT', 'The request body holds text that is not well-formed Unicode', [problem])
        : new ValidationError('REQUEST.BODY_TOO_COMPLEX', 'The request body is nested too deeply or holds too many values', [problem]),
    );
  };
}

const LONE_SURROGATE = /\p{Surrogate}/u;

function findShapeProblem(root: object, limits: JsonShapeLimits): { kind: 'shape' | 'text'; field: string; reason: string } | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: '', depth: 1 }];
  let values = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) return { kind: 'text', field: path, reason: 'holds a lone surrogate (not well-formed Unicode)' };
    if (typeof value !== 'object' || value === null) continue;
    if (depth > limits.maxDepth) return { kind: 'shape', field: path || 'body', reason: `nests deeper than ${limits.maxDepth} levels` };
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    values += entries.length;
    if (values > limits.maxValues) return { kind: 'shape', field: path || 'body', reason: `the body holds more than ${limits.maxValues} values` };
    for (const [key, child] of entries) {
      const at = path === '' ? key : `${path}.${key}`;
      if (LONE_SURROGATE.test(key)) return { kind: 'text', field: at.replace(LONE_SURROGATE, '\uFFFD'), reason: 'the field name holds a lone surrogate' };
      stack.push({ value: child, path: at, depth: depth + 1 });
    }
  }
  return undefined;
}

const isJson = (req: PlatformRequest): boolean => /\bjson\b/i.test(String(req.headers['content-type'] ?? ''));
const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);
