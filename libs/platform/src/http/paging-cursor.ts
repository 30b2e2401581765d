import { createHash } from 'node:crypto';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ValidationError } from '../errors/domain-errors';
import type { ProblemSpec } from '../openapi/api-problems.decorator';

/**
 * One cursor format for every paged list (decision 0057). A cursor is opaque base64url over
 * `digest(8) ‖ JSON [tag, key]`, the tag naming the list and the version of its key
 * (`interviews/v1`). Each list had its own encoding before, and two that both encoded
 * `[string, string]` took each other's cursors: `/interviews` paged from a demand's key.
 *
 * The digest is a checksum, not a signature: a position reveals nothing the caller could not read
 * (it is the last item of a page they were shown), so forging one gains nothing a filter would not;
 * what the digest buys is that a cursor edited, truncated or glued together is refused instead of
 * being read as some other position. No secret means no key to share between replicas or rotate,
 * and a cursor outlives a restart.
 */
export interface CursorCodec<K> {
  /** `list/vN`, written into every cursor and checked on the way back. */
  readonly tag: string;
  encode(key: K): string;
  /** The key, or 400 `PAGING.BAD_CURSOR` naming `cursor`: another list's cursor, an older version, anything edited. */
  decode(cursor: string): K;
}

/** The problem every list answers for a cursor it did not issue (documented once: `BAD_CURSOR_PROBLEM`). */
const CODE = 'PAGING.BAD_CURSOR';
const DETAIL = 'The cursor is not one this list returned';
const FIELDS = [{ field: 'cursor', reason: 'is not a nextCursor of this list' }] as const;
export const BAD_CURSOR_PROBLEM: ProblemSpec = { status: 400, code: CODE, detail: DETAIL, fields: FIELDS };

export const badCursor = () => new ValidationError(CODE, DETAIL, FIELDS.map((f) => ({ ...f })));

const DIGEST_BYTES = 8;
const digest = (payload: Buffer) => createHash('sha256').update(payload).digest().subarray(0, DIGEST_BYTES);

/** A key shape check: true when `v` (parsed JSON) is a key of the list. */
export type CursorKeyShape<K> = (v: unknown) => v is K;

export function cursorCodec<K>(list: string, version: number, isKey: CursorKeyShape<K>): CursorCodec<K> {
  const tag = `${list}/v${version}`;
  return {
    tag,
    encode(key: K): string {
      const payload = Buffer.from(JSON.stringify([tag, key]), 'utf8');
      return Buffer.concat([digest(payload), payload]).toString('base64url');
    },
    decode(cursor: string): K {
      const bytes = Buffer.from(cursor, 'base64url');
      // Node's base64url decoder skips characters outside the alphabet: only the canonical spelling passes.
      if (bytes.length <= DIGEST_BYTES || bytes.toString('base64url') !== cursor) throw badCursor();
      const payload = bytes.subarray(DIGEST_BYTES);
      if (!digest(payload).equals(bytes.subarray(0, DIGEST_BYTES))) throw badCursor();
      let v: unknown;
      try {
        v = JSON.parse(payload.toString('utf8'));
      } catch {
        throw badCursor();
      }
      if (!Array.isArray(v) || v.length !== 2 || v[0] !== tag || !isKey(v[1])) throw badCursor();
      return v[1];
    },
  };
}

/**
 * For a read model that pages by a raw position (an id, a sequence number): the page with its
 * `nextCursor` given back in the list's tagged cursor. Such lists decode at the HTTP edge and keep
 * raw positions inside, where jobs and the text index walk them too.
 */
export function withTaggedCursor<K, P extends { nextCursor?: K }>(codec: CursorCodec<K>, page: P): Omit<P, 'nextCursor'> & { nextCursor?: string } {
  const { nextCursor, ...rest } = page;
  return nextCursor !== undefined ? { ...rest, nextCursor: codec.encode(nextCursor) } : rest;
}

/** Key shapes the lists use. */
export const isStringKey: CursorKeyShape<string> = (v): v is string => typeof v === 'string' && v.length > 0;
export const isStringPairKey: CursorKeyShape<[string, string]> = (v): v is [string, string] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string';
export const isPositionKey: CursorKeyShape<number> = (v): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Longer than any cursor a list issues (a 100-character id under the tag is ~180). */
export const MAX_CURSOR_LENGTH = 400;

/** The `cursor` query parameter of a paged list: a string of bounded length, decoded by the list's codec. */
export const PagingCursorParam = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description: 'The `nextCursor` of the previous page of this list (opaque).', maxLength: MAX_CURSOR_LENGTH }),
    IsOptional(),
    IsString(),
    MaxLength(MAX_CURSOR_LENGTH),
  );
