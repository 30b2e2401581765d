import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';
import { PROBLEM_DEFAULTS, PROBLEM_REF, type ProblemStatus } from './problem.schema';

/** An error an operation answers: a status, or a status with the code (and detail) it carries. */
export type ProblemSpec = ProblemStatus | { status: ProblemStatus; code: string; detail?: string; description?: string };

/**
 * Documents the problem+json errors an operation answers beyond the ones every operation gets from
 * the document builder (401/403 when secured, 400 when it takes input, 429 on writes): typically 404,
 * 409, 422, with the domain code a client can branch on.
 * `@ApiProblems(404, { status: 409, code: 'POINTS.INSUFFICIENT' })`
 */
export const ApiProblems = (...problems: ProblemSpec[]): MethodDecorator & ClassDecorator =>
  applyDecorators(...groupByStatus(problems).map(([status, specs]) => ApiResponse({ status, ...problemResponse(status, specs) })));

/** The response object of one status: the shared schema, one example per code. */
export function problemResponse(status: ProblemStatus, specs: readonly { code?: string; detail?: string; description?: string }[] = [], instance = '/…'): {
  description: string;
  content: Record<string, { schema: { $ref: string }; examples: Record<string, { summary: string; value: object }> }>;
} {
  const defaults = PROBLEM_DEFAULTS[status];
  // Bad input and a refused caller stay possible whatever codes an operation adds: keep their default example.
  const always = (status === 400 || status === 403) && !specs.some((s) => s.code === defaults.code);
  const examples = (specs.length > 0 ? [...(always ? [{}] : []), ...specs] : [{}]).map((s: { code?: string; detail?: string; description?: string }) => {
    const code = s.code ?? defaults.code;
    const value = {
      type: `urn:hope:problem:${code.toLowerCase()}`,
      title: defaults.title,
      status,
      detail: s.detail ?? defaults.detail,
      instance,
      code,
      ...(status === 400 ? { errors: [{ field: 'points', reason: 'must not be less than 1' }] } : {}),
    };
    return [code, { summary: s.description ?? s.detail ?? defaults.description, value }] as const;
  });
  const description = specs.map((s) => s.description).filter((d): d is string => d !== undefined);
  return {
    description: description.length > 0 ? description.join(' ') : defaults.description,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: PROBLEM_REF }, examples: Object.fromEntries(examples) } },
  };
}

function groupByStatus(problems: readonly ProblemSpec[]): [ProblemStatus, { code?: string; detail?: string; description?: string }[]][] {
  const byStatus = new Map<ProblemStatus, { code?: string; detail?: string; description?: string }[]>();
  for (const p of problems) {
    const spec = typeof p === 'number' ? { status: p } : p;
    const list = byStatus.get(spec.status) ?? [];
    if (typeof p !== 'number') list.push({ code: p.code, ...(p.detail !== undefined ? { detail: p.detail } : {}), ...(p.description !== undefined ? { description: p.description } : {}) });
    byStatus.set(spec.status, list);
  }
  return [...byStatus.entries()];
}
