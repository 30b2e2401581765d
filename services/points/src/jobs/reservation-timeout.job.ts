import { Inject, Injectable, Logger } from '@nestjs/common';
import { AggregateHandlers, CLOCK, MetricsService, forEachCandidate, type Clock, type ScheduledJob } from '@hope/platform';
import { releaseQuota } from '../application/quota-claims';
import { accounts } from '../domain/account/account.aggregate';
import { itemQuotas } from '../domain/quota/quota.aggregate';
import { BalanceQueries } from '../projections/balance/balance.queries';

/**
 * Releases reservations the fulfilling service neither captured nor released in time. The projection
 * only says which accounts to look at; the account itself decides (from its own events) what is due.
 */
@Injectable()
export class ReservationTimeoutJob implements ScheduledJob {
  readonly name = 'reservation-timeout';
  readonly everyMs = 60_000;
  /** One failing candidate is logged and skipped, so it cannot hold up the others (they are read in the same order each tick). */
  private readonly logger = new Logger('ReservationTimeoutJob');

  constructor(
    private readonly aggregates: AggregateHandlers,
    private readonly balances: BalanceQueries,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {}

  async run(): Promise<void> {
    const now = this.clock.now();
    await forEachCandidate({
      answeredBy: this.aggregates,
      candidates: () => this.balances.accountsWithTimedOutReservations(now),
      decide: async ({ expertId, reservationIds }) => {
        const result = await this.aggregates.for(accounts).handle(expertId, { type: 'ReleaseTimedOutReservations', data: { expertId }, metadata: { now } }, { commandId: `${expertId}@${now.toISOString()}` });
        // Give the released items' slots back to their total quota (a no-op for items without one).
        const released = reservationIds.filter((id) => result.state.reservations.get(id)?.status === 'released');
        for (const id of released) await releaseQuota(this.aggregates.for(itemQuotas), result.state.reservations.get(id)!.itemId, id, now);
        // Counted once: a re-run of the same decision (duplicate) appends nothing.
        if (result.appended > 0) this.metrics.sagaTimedOut('points-reservation', released.length);
      },
      skip: { log: (error, c) => this.logger.warn({ err: error, expertId: c.expertId, msg: 'timed-out reservations not released; retried at the next tick' }) },
    });
  }
}
