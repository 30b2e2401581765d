import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, WrongExpectedVersion, type EventStore } from '@hope/eventstore';
import { ConcurrencyError, EVENT_STORE } from '@hope/platform';
import { isClaimHeld, quotaDecider, QuotaExhausted } from '../domain/quota/quota.decide';
import { PerStreamQueue } from './per-stream-queue';

/** Claims and releases on the shared quotas (rule budgets, item totals); see `quota.decide.ts`. */
@Injectable()
export class QuotaCommands {
  private readonly queue = new PerStreamQueue();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** True if the claim is held (now or from before); false if the quota is exhausted. */
  async claim(stream: string, claimId: string, amount: number, limit: number, now: Date): Promise<boolean> {
    try {
      const r = await this.execute(stream, () =>
        handleCommand(this.store, stream, quotaDecider, { type: 'ClaimQuota', data: { claimId, amount, limit }, metadata: { now } }, { commandId: claimId, handler: 'points.quota.claim' }, { maxRetries: 8 }),
      );
      return isClaimHeld(r.state, claimId);
    } catch (error) {
      if (error instanceof QuotaExhausted) return false;
      throw error;
    }
  }

  async release(stream: string, claimId: string, now: Date): Promise<void> {
    await this.execute(stream, () =>
      handleCommand(this.store, stream, quotaDecider, { type: 'ReleaseQuota', data: { claimId }, metadata: { now } }, { commandId: claimId, handler: 'points.quota.release' }, { maxRetries: 8 }),
    );
  }

  private async execute<T>(stream: string, work: () => Promise<T>): Promise<T> {
    try {
      return await this.queue.run(stream, work);
    } catch (error) {
      if (error instanceof WrongExpectedVersion) throw new ConcurrencyError(`Quota ${stream} is busy; retry`, { cause: error });
      throw error;
    }
  }
}
