import fc from 'fast-check';
import { ValidationError } from '../errors/domain-errors';
import { cursorCodec, isPositionKey, isStringKey, isStringPairKey } from './paging-cursor';

const interviews = cursorCodec('interviews', 1, isStringPairKey);
const dashboard = cursorCodec('dashboard', 1, isStringPairKey);

const refusal = (f: () => unknown): ValidationError => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('accepted');
};

describe('cursorCodec', () => {
  it('gives back the key it encoded, for any key of the shape', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => expect(interviews.decode(interviews.encode([a, b]))).toEqual([a, b])));
    const inbox = cursorCodec('inbox', 1, isPositionKey);
    expect(inbox.decode(inbox.encode(1042))).toBe(1042);
  });

  it('is opaque base64url', () => {
    expect(interviews.encode(['2026-01-01T00:00:00.000Z', 'i-1'])).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it("refuses another list's cursor of the same key shape: 400 PAGING.BAD_CURSOR naming cursor", () => {
    const e = refusal(() => interviews.decode(dashboard.encode(['2026-01-01T00:00:00.000Z', 'd-1'])));
    expect(e.status).toBe(400);
    expect(e.code).toBe('PAGING.BAD_CURSOR');
    expect(e.fields).toEqual([{ field: 'cursor', reason: 'is not a nextCursor of this list' }]);
  });

  it('refuses an older version of the same list', () => {
    const v2 = cursorCodec('interviews', 2, isStringPairKey);
    expect(refusal(() => v2.decode(interviews.encode(['a', 'b']))).code).toBe('PAGING.BAD_CURSOR');
  });

  it('refuses a cursor with any one character changed, cut, or garbage', () => {
    const good = interviews.encode(['2026-01-01T00:00:00.000Z', 'i-1']);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(fc.nat(good.length - 1), fc.constantFrom(...alphabet), (at, c) => {
        fc.pre(good[at] !== c);
        const edited = good.slice(0, at) + c + good.slice(at + 1);
        expect(refusal(() => interviews.decode(edited)).code).toBe('PAGING.BAD_CURSOR');
      }),
    );
    for (const bad of [good.slice(0, -1), `${good}A`, `${good}=`, good.replace(/^./, '+'), '', 'garbage', Buffer.from(JSON.stringify(['a', 'b'])).toString('base64url')]) {
      expect(refusal(() => interviews.decode(bad)).code).toBe('PAGING.BAD_CURSOR');
    }
  });

  it('refuses a well-formed cursor of the right tag whose key has the wrong shape', () => {
    const loose = cursorCodec<unknown>('interviews', 1, (_v): _v is unknown => true);
    expect(refusal(() => interviews.decode(loose.encode(['only-one'])))).toBeInstanceOf(ValidationError);
    const ids = cursorCodec('experts', 1, isStringKey);
    const looseIds = cursorCodec<unknown>('experts', 1, (_v): _v is unknown => true);
    expect(refusal(() => ids.decode(looseIds.encode(''))).code).toBe('PAGING.BAD_CURSOR');
    expect(refusal(() => ids.decode(looseIds.encode(7))).code).toBe('PAGING.BAD_CURSOR');
  });
});
