import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { FieldProblem } from '@hope/kernel';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import { PROBLEM_DEFAULTS, PROBLEM_REF, type ProblemStatus } from './problem.schema';

/**
 * An error an operation answers: a status, or a status with the code it carries, the detail the code
 * writes (an example of it) and the fields it names, so the example is the answer a client will see.
 */
export type ProblemSpec = ProblemStatus | { status: ProblemStatus; code: string; detail?: string; description?: string; fields?: readonly FieldProblem[] };
type ProblemExample = { code?: string; detail?: string; description?: string; fields?: readonly FieldProblem[] };

/** The fields of the default 400 example: what the validation pipe names. */
const DEFAULT_FIELDS: readonly FieldProblem[] = [{ field: 'points', reason: 'must not be less than 1' }];

/**
 * Documents the problem+json errors an operation answers beyond the ones every operation gets from
 * the document builder (401/403 when secured, 400 when it takes input, 429 on writes): typically 404,
 * 409, 422, with the domain code a client can branch on.
 * `@ApiProblems(404, { status: 409, code: 'POINTS.INSUFFICIENT' })`
 */
export const ApiProblems = (...problems: ProblemSpec[]): MethodDecorator & ClassDecorator =>
  applyDecorators(...groupByStatus(problems).map(([status, specs]) => ApiResponse({ status, ...problemResponse(status, specs) })));

/** The response object of one status: the shared schema, one example per code. */
export function problemResponse(status: ProblemStatus, specs: readonly ProblemExample[] = [], instance = '/…'): {
  description: string;
  content: Record<string, { schema: { $ref: string }; examples: Record<string, { summary: string; value: object }> }>;
} {
  const defaults = PROBLEM_DEFAULTS[status];
  // Bad input, a refused caller and a write that lost to concurrent ones stay possible whatever codes an operation adds: keep their default example.
  const always = (status === 400 || status === 403 || status === 409) && !specs.some((s) => s.code === defaults.code);
  const examples = (specs.length > 0 ? [...(always ? [{}] : []), ...specs] : [{}]).map((s: ProblemExample) => {
    const code = s.code ?? defaults.code;
    const fields = s.fields ?? (status === 400 && code === defaults.code ? DEFAULT_FIELDS : undefined);
    const value = {
      type: `urn:hope:problem:${code.toLowerCase()}`,
      title: defaults.title,
      status,
      detail: s.detail ?? defaults.detail,
      instance,
      code,
      ...(fields !== undefined && fields.length > 0 ? { errors: fields } : {}),
    };
    return [code, { summary: s.description ?? s.detail ?? defaults.description, value }] as const;
  });
  const description = specs.map((s) => s.description).filter((d): d is string => d !== undefined);
  return {
    description: description.length > 0 ? description.join(' ') : defaults.description,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_REF }, examples: Object.fromEntries(examples) } },
  };
}

function groupByStatus(problems: readonly ProblemSpec[]): [ProblemStatus, ProblemExample[]][] {
  const byStatus = new Map<ProblemStatus, ProblemExample[]>();
  for (const p of problems) {
    const spec = typeof p === 'number' ? { status: p } : p;
    const list = byStatus.get(spec.status) ?? [];
    if (typeof p !== 'number') list.push(p);
    byStatus.set(spec.status, list);
  }
  return [...byStatus.entries()];
}

/**
 * Adds the examples of these codes to a problem response an operation already declares (its own
 * codes stay; a code it names already is left as it wrote it).
 */
export function withProblemExamples(response: ReturnType<typeof problemResponse>, status: ProblemStatus, specs: readonly ProblemExample[], instance = '/…'): void {
  const examples = response.content[PROBLEM_CONTENT_TYPE]?.examples;
  if (examples === undefined) return;
  const extra = problemResponse(status, specs, instance).content[PROBLEM_CONTENT_TYPE]!.examples;
  for (const [code, example] of Object.entries(extra)) examples[code] ??= example;
}
