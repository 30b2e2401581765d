import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { ValidationError } from '@hope/kernel';
import { createValidationPipe, jsonBodyProblem } from '@hope/platform';
import type { ImportRow } from '../../application/import-experts.use-case';
import type { Profile } from '../../domain/expert/profile';
import { JoinRequest } from './profile.request.dto';

/** The source's id of an expert: becomes part of the expert id (`ext:<externalId>`), so it has that id's shape. */
export const EXTERNAL_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,95}$/;

/** One line of an import: the fields of `POST /experts` (same DTO, same rules) plus the source's id; no invitation code. */
export class ImportExpertRow extends OmitType(JoinRequest, ['invitationCode'] as const) {
  @ApiProperty({ pattern: EXTERNAL_ID.source, description: "The source system's id: the same id always names the same expert" })
  @Matches(EXTERNAL_ID, { message: 'must be 1-96 letters, digits or ._:@-, starting with a letter or digit' })
  externalId!: string;
}

/**
 * What the platform's JSON-shape guard refuses in a request body, for a row (the guard runs on JSON
 * bodies only): nesting deeper than a profile's few levels, and text that is not well-formed Unicode.
 * Walked with an explicit stack, so a hostile row cannot overflow ours.
 */
/** With the `u` flag a surrogate pair reads as one code point: only a lone half matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;

function rowShapeProblem(root: object): string | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 1 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (typeof value === 'string' && LONE_SURROGATE.test(value)) return 'holds text that is not well-formed Unicode';
    if (typeof value !== 'object' || value === null) continue;
    if (depth > 8) return 'is nested too deeply';
    for (const [k, v] of Object.entries(value)) {
      if (LONE_SURROGATE.test(k)) return 'holds text that is not well-formed Unicode';
      stack.push({ value: v, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Rows validated exactly as a `POST /experts` body is: the body's shape and text checks, then the platform's pipe over the DTO. */
const pipe = createValidationPipe();
/** What makes a value no row at all (checked before the value is copied to a validation thread: a hostile nesting would overflow the copy). */
export function rowShapeError(value: unknown): ValidationError | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return new ValidationError('VALIDATION.FAILED', 'A row must be a JSON object', [{ field: 'line', reason: 'must be a JSON object' }]);
  const shape = rowShapeProblem(value);
  return shape === undefined ? undefined : new ValidationError('VALIDATION.FAILED', `The row ${shape}`, [{ field: 'line', reason: shape }]);
}

export const validateRow = async (value: unknown): Promise<ImportRow> => {
  const shape = rowShapeError(value) ?? jsonBodyProblem(value);
  if (shape) throw shape;
  const row = (await pipe.transform(value, { type: 'body', metatype: ImportExpertRow })) as ImportExpertRow;
  const { externalId, ...profile } = JSON.parse(JSON.stringify(row)) as ImportExpertRow;
  return { externalId, profile: profile as Profile };
};

