import { Topics, newEnvelope } from '@hope/contracts';
import { collect } from '@hope/eventstore/testing';
import { toMessage } from '@hope/messaging';
import { eventually, operator, startMatching, type Body } from './matching-test-kit';

/** The consulting service's ConsultationRated -> the track record's ratings -> the rating factor of the ranking. */
describe('matching: consultation ratings', () => {
  jest.setTimeout(60_000);
  let m: Awaited<ReturnType<typeof startMatching>>;

  beforeEach(async () => {
    m = await startMatching('hope-matching-ratings-');
    // Twins: the same profile, so only the ratings can tell them apart.
    for (const id of ['ann', 'ben']) await m.join(id, { expertise: { en: 'heat pump defrost control' }, skills: [{ name: 'heat pump', lastPractised: 2025 }] });
  });
  afterEach(() => m.stop());

  const rated = (expertId: string, bookingId: string, score: number, ratedBy: 'enterprise' | 'expert' = 'enterprise') =>
    newEnvelope({
      type: 'ConsultationRated',
      version: 1,
      // One key for all: one partition, so the last message being applied means the earlier ones were too.
      stream: 'booking-all',
      occurredAt: new Date(),
      data: { bookingId, expertId, organisationId: 'org-x', ratedBy, score, ratedAt: new Date().toISOString() },
    });

  it('counts an enterprise rating once however often it is delivered, ignores the expert side, and ranks and explains by it', async () => {
    const fiveStars = rated('ben', 'b1', 5);
    await m.platform.bus.publish(Topics.consulting, [
      toMessage(fiveStars),
      toMessage(fiveStars), // the same event delivered again
      toMessage(rated('ben', 'b1', 1)), // the same booking rated again under another event id
      toMessage(rated('ben', 'b2', 1, 'expert')), // the expert rating the enterprise says nothing of the expert
      toMessage(rated('ann', 'b3', 3)), // marker: once it counts, everything before it was applied
    ]);
    const rank = async () => (await m.call('POST', '/rankings', operator, { text: 'heat pump defrost' })).body.matches as Body[];
    await eventually(async () => expect((await rank()).find((x) => x.expertId === 'ann')!.explanation.trackRecord.rated).toBe(1));

    const [first, second] = await rank();
    expect(first.expertId).toBe('ben');
    expect(first.explanation.trackRecord).toMatchObject({ rated: 1, ratingSum: 5 });
    expect(first.explanation.rating).toEqual({ count: 1, mean: 5, bayesian: 3.75 });
    expect(first.explanation.factors.rating.contribution).toBeGreaterThan(second.explanation.factors.rating.contribution);
    expect(second.explanation.rating).toEqual({ count: 1, mean: 3, bayesian: 3.4167 });
    const recorded = await collect(m.platform.stores.get('matching')!.readStream('ratings-ben'));
    expect(recorded.map((e) => [e.type, (e.data as { bookingId: string }).bookingId])).toEqual([['ConsultationRatingRecorded', 'b1']]);
  });
});
