import { randomUUID } from 'node:crypto';
import { newEnvelope, Topics, type EventEnvelope } from '@hope/contracts';
import { toMessage, type KafkaBus } from '@hope/messaging';

export interface SourceEvent {
  readonly topic: string;
  readonly envelope: EventEnvelope;
}

export interface ExpectedAccount {
  /** Gross points earned (reversals do not lower it). */
  earned: number;
  reversed: number;
  /** Earned and not reversed; all of it pending while the 14-day pending period runs. */
  pending: number;
  /** Earning movements (PointsEarned) and reversals (PointsReversed) the ledger must hold, each once. */
  earnings: number;
  reversals: number;
}

/**
 * The other services' integration events, as their relays would publish them, together with what the
 * points rules v1 (services/points/README.md) make of them: clue 5, plan 20, shortlisted 50, adopted
 * 200, consultation 40, exchange meeting 10, invitation 30 to the inviter; a withdrawn proposal
 * reverses everything it earned. All at one instant, so every lot is still pending (14 days).
 */
export class PointsSourceEvents {
  readonly events: SourceEvent[] = [];
  private readonly accounts = new Map<string, ExpectedAccount>();
  private readonly proposals = new Map<string, { expertId: string; demandId: string; points: number; earnings: number }>();

  constructor(private readonly at: string = new Date().toISOString()) {}

  expected(expertId: string): ExpectedAccount {
    let account = this.accounts.get(expertId);
    if (!account) {
      account = { earned: 0, reversed: 0, pending: 0, earnings: 0, reversals: 0 };
      this.accounts.set(expertId, account);
    }
    return account;
  }

  experts(): string[] {
    return [...this.accounts.keys()];
  }

  clue(expertId: string, demandId = 'demand-crash'): string {
    return this.submit('ClueSubmitted', expertId, demandId, 5);
  }

  plan(expertId: string, demandId = 'demand-crash'): string {
    return this.submit('PlanSubmitted', expertId, demandId, 20);
  }

  shortlist(proposalId: string): void {
    this.decide('PlanShortlisted', proposalId, 50);
  }

  adopt(proposalId: string): void {
    this.decide('PlanAdopted', proposalId, 200);
  }

  withdraw(proposalId: string): void {
    const p = this.proposal(proposalId);
    this.push(Topics.demand, 'ProposalWithdrawn', `proposal-${proposalId}`, { proposalId, demandId: p.demandId, expertId: p.expertId, at: this.at });
    if (p.points > 0) {
      const account = this.expected(p.expertId);
      account.reversed += p.points;
      account.pending -= p.points;
      account.reversals += 1;
      p.points = 0;
    }
  }

  consultation(expertId: string): void {
    const bookingId = randomUUID();
    this.push(Topics.consulting, 'ConsultationCompleted', `booking-${bookingId}`, { bookingId, expertId, organisationId: 'org-crash', minutes: 45, completedAt: this.at });
    this.earn(expertId, 40);
  }

  meeting(expertId: string, kind: 'exchange-meeting' | 'technical-seminar'): void {
    const meetingId = randomUUID();
    this.push(Topics.consulting, 'MeetingAttended', `meeting-${meetingId}`, { meetingId, kind, expertId, attendedAt: this.at });
    if (kind === 'exchange-meeting') this.earn(expertId, 10);
    else this.expected(expertId);
  }

  joined(expertId: string, inviterId: string): void {
    this.push(Topics.matching, 'ExpertJoined', `expert-${expertId}`, { expertId, inviterId, invitationId: randomUUID(), joinedAt: this.at });
    this.earn(inviterId, 30);
    this.expected(expertId);
  }

  /**
   * Every event delivered exactly twice: each one again `lag` deliveries later (a redelivery after a
   * rebalance looks like this), the last ones at the end.
   */
  deliveredTwice(lag = 5): SourceEvent[] {
    const out: SourceEvent[] = [];
    this.events.forEach((e, i) => {
      out.push(e);
      if (i >= lag) out.push(this.events[i - lag]!);
    });
    out.push(...this.events.slice(Math.max(0, this.events.length - lag)));
    return out;
  }

  private submit(type: 'ClueSubmitted' | 'PlanSubmitted', expertId: string, demandId: string, points: number): string {
    const proposalId = randomUUID();
    this.proposals.set(proposalId, { expertId, demandId, points: 0, earnings: 0 });
    this.push(Topics.demand, type, `proposal-${proposalId}`, { proposalId, demandId, expertId, coAuthorIds: [], contentHash: 'sha256-of-content', submittedAt: this.at });
    this.credit(proposalId, points);
    return proposalId;
  }

  private decide(type: string, proposalId: string, points: number): void {
    const p = this.proposal(proposalId);
    this.push(Topics.demand, type, `proposal-${proposalId}`, { proposalId, demandId: p.demandId, expertId: p.expertId, at: this.at });
    this.credit(proposalId, points);
  }

  private credit(proposalId: string, points: number): void {
    const p = this.proposal(proposalId);
    p.points += points;
    this.earn(p.expertId, points);
  }

  private earn(expertId: string, points: number): void {
    const account = this.expected(expertId);
    account.earned += points;
    account.pending += points;
    account.earnings += 1;
  }

  private proposal(proposalId: string) {
    const p = this.proposals.get(proposalId);
    if (!p) throw new Error(`unknown proposal ${proposalId}`);
    return p;
  }

  private push(topic: string, type: string, stream: string, data: Record<string, unknown>): void {
    this.events.push({ topic, envelope: newEnvelope({ type, version: 1, stream, occurredAt: this.at, data }) });
  }
}

/** Publishes as the producing service's relay would: key = stream, the envelope, the routing headers. */
export async function publishAsRelay(bus: KafkaBus, events: readonly SourceEvent[]): Promise<void> {
  // Consecutive events of one topic go in one request; the order of the deliveries is kept.
  let i = 0;
  while (i < events.length) {
    const topic = events[i]!.topic;
    const batch: SourceEvent[] = [];
    while (i < events.length && events[i]!.topic === topic) batch.push(events[i++]!);
    await bus.publish(topic, batch.map((e) => toMessage(e.envelope)));
  }
}
