import { DomainError, IllegalStateError, forEachCandidate } from '@hope/platform';

class PointsDown extends Error {}

/** Nothing answered ahead of the read models (the int spec covers the wait). */
const answeredBy = { readsSeeAnsweredWrites: async () => {} };

/** A decider that fails for the candidates named, and records the ones it decided. */
function decider(failing: Record<string, Error> = {}) {
  const decided: string[] = [];
  return {
    decided,
    decide: async (id: string) => {
      const error = failing[id];
      if (error) throw error;
      decided.push(id);
    },
  };
}

describe('forEachCandidate', () => {
  it('logs and skips a failing candidate, decides the others, and counts both', async () => {
    const { decided, decide } = decider({ b: new PointsDown('points unreachable') });
    const logged: [unknown, string][] = [];

    const counts = await forEachCandidate({ answeredBy, candidates: () => ['a', 'b', 'c'], decide, skip: { log: (error, id) => logged.push([error, id]) } });

    expect(decided).toEqual(['a', 'c']);
    expect(logged).toEqual([[new PointsDown('points unreachable'), 'b']]);
    expect(counts).toEqual({ decided: 2, skipped: 1, pages: 1 });
  });

  it('without skip, a failure stops the run: the candidates after it wait for the next tick', async () => {
    const { decided, decide } = decider({ b: new PointsDown('points unreachable') });

    await expect(forEachCandidate({ answeredBy, candidates: () => ['a', 'b', 'c'], decide })).rejects.toThrow(PointsDown);

    expect(decided).toEqual(['a']);
  });

  it('skips only the failures `when` expects, hands them to log typed, and lets any other stop the run', async () => {
    const stale = new IllegalStateError('DEMAND.NOT_PUBLISHED', 'already closed');
    const { decided, decide } = decider({ b: stale, d: new PointsDown('disk full') });
    const codes: string[] = [];

    const run = forEachCandidate({
      answeredBy,
      candidates: () => ['a', 'b', 'c', 'd', 'e'],
      decide,
      skip: { when: (error) => error instanceof DomainError, log: (error, id) => codes.push(`${id}:${error.code}`) },
    });

    await expect(run).rejects.toThrow(PointsDown);
    expect(decided).toEqual(['a', 'c']);
    expect(codes).toEqual(['b:DEMAND.NOT_PUBLISHED']);
  });

  it('pages after the last row of each page until a page is empty, and says where it got to', async () => {
    const rows = ['a', 'b', 'c', 'd', 'e'];
    const reads: (string | undefined)[] = [];
    const page = (after: string | undefined) => {
      reads.push(after);
      return rows.filter((r) => r > (after ?? '')).slice(0, 2);
    };
    const { decided, decide } = decider();
    const watermarks: string[] = [];

    const counts = await forEachCandidate({ answeredBy, page, decide, pageDone: (last) => watermarks.push(last) });

    expect(decided).toEqual(rows);
    expect(reads).toEqual([undefined, 'b', 'd', 'e']);
    expect(watermarks).toEqual(['b', 'd', 'e']);
    expect(counts).toEqual({ decided: 5, skipped: 0, pages: 3 });
  });

  it('resumes after a watermark, decides the candidates a page nominates once each, and keeps the watermark of the last finished page when a run stops', async () => {
    type Lot = { expertId: string; lotId: string };
    const lots: Lot[] = [
      { expertId: 'x', lotId: '1' },
      { expertId: 'x', lotId: '2' },
      { expertId: 'y', lotId: '3' },
      { expertId: 'z', lotId: '4' },
      { expertId: 'z', lotId: '5' },
    ];
    const page = (after: Lot | undefined) => lots.filter((l) => l.lotId > (after?.lotId ?? '')).slice(0, 2);
    const { decided, decide } = decider({ z: new PointsDown('points unreachable') });
    let watermark: Lot | undefined = lots[0];

    const run = forEachCandidate({
      answeredBy,
      from: watermark,
      page,
      candidatesOf: (rows) => new Set(rows.map((r) => r.expertId)),
      decide,
      pageDone: (last) => (watermark = last),
    });

    await expect(run).rejects.toThrow(PointsDown);
    expect(decided).toEqual(['x', 'y']);
    expect(watermark).toEqual({ expertId: 'y', lotId: '3' });
  });

  it('decides nothing when nothing is nominated', async () => {
    const { decided, decide } = decider();

    expect(await forEachCandidate({ answeredBy, page: () => [], decide })).toEqual({ decided: 0, skipped: 0, pages: 0 });
    expect(await forEachCandidate({ answeredBy, candidates: () => [], decide })).toEqual({ decided: 0, skipped: 0, pages: 1 });
    expect(decided).toEqual([]);
  });
});
