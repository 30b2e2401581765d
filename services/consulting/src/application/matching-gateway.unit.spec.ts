import { readConflictCheck } from './matching-gateway';

describe("reading matching's conflict-check answer", () => {
  it('cleared -> no reasons', () => {
    expect(readConflictCheck({ cleared: true, conflict: false, reasons: [], terms: { status: 'current' }, erased: false })).toEqual({ cleared: true, reasons: [] });
  });
  it('not cleared -> every cause named: conflicts, terms, erasure', () => {
    expect(readConflictCheck({ cleared: false, reasons: [{ code: 'cooling-off', detail: 'left in 2029-01', until: '2030-01-01' }], terms: { status: 'expired' }, erased: true })).toEqual({
      cleared: false,
      reasons: [
        { code: 'cooling-off', detail: 'left in 2029-01' },
        { code: 'terms-expired', detail: "the expert's acceptance of the platform terms is expired" },
        { code: 'expert-erased', detail: "the expert's personal data was erased" },
      ],
    });
    expect(readConflictCheck({ cleared: false })).toEqual({ cleared: false, reasons: [{ code: 'not-cleared', detail: 'matching did not clear the expert' }] });
  });
  it('an answer without a boolean `cleared` is not an answer (never read as cleared)', () => {
    for (const raw of [undefined, null, 'yes', { cleared: 'true' }, { conflict: false }]) expect(readConflictCheck(raw)).toBeUndefined();
  });
});
