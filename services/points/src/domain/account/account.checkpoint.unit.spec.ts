import fc from 'fast-check';
import { history, play } from './account.arbitraries';
import { accountForAsOf, foldEvent, START, type Checkpoint } from './account.checkpoint';
import type { Account } from './account.state';

const at = (revision: number) => ({ revision, position: { commit: BigInt(revision) }, recordedAt: new Date(revision) });

/** All that an as-of answer reads of an account (asOfView: balance, tier, what is left in each lot and when it expires). */
const asOfInputs = (a: Account) => ({
  status: a.status,
  debt: a.debt,
  tier: a.tier,
  tierSince: a.tierSince,
  lots: a.lots.values().map((l) => [l.lotId, l.remaining, l.expiresAt]),
  reservations: a.reservations.values(),
});

describe('accountForAsOf: the account reduced to what an as-of answer depends on', () => {
  it('folding on from it gives what folding on from the whole account gives, for everything an as-of answer reads', () => {
    fc.assert(
      fc.property(history, fc.nat(), (steps, cut) => {
        const { events } = play(steps);
        const from = cut % (events.length + 1);
        let whole: Checkpoint = START;
        events.slice(0, from).forEach((e, i) => (whole = foldEvent(whole, { ...e, ...at(i) })));
        let reduced: Checkpoint = { ...whole, account: accountForAsOf(whole.account) };
        events.slice(from).forEach((e, i) => {
          whole = foldEvent(whole, { ...e, ...at(from + i) });
          reduced = foldEvent(reduced, { ...e, ...at(from + i) });
          expect(reduced.balance).toEqual(whole.balance);
          expect(asOfInputs(reduced.account)).toEqual(asOfInputs(whole.account));
        });
      }),
      { numRuns: 400 },
    );
  });
});
