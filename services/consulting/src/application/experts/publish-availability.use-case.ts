import type { CommandMeta, Principal } from '@hope/kernel';
import type { AvailabilityException, WeeklySlot } from '../../domain/availability/availability';
import type { CalendarHandler } from '../../domain/interview/interview.aggregate';
import type { AvailabilityQueries } from '../../projections/availability/availability.queries';
import { publishedAvailability, type AvailabilityAnswer } from './availability.query';

export interface PublishAvailabilityDeps {
  readonly calendars: CalendarHandler;
  readonly availability: AvailabilityQueries;
  readonly clock: { now(): Date };
  readonly ids: { next(): string };
}

export interface PublishAvailabilityInput {
  readonly expertId: string;
  readonly timeZone: string;
  readonly weekly: readonly WeeklySlot[];
  readonly exceptions: readonly AvailabilityException[];
}

/** The expert (or an operator) replaces the weekly slots and exceptions; answers what is now published. */
export async function publishAvailability(deps: PublishAvailabilityDeps, who: Principal, input: PublishAvailabilityInput, meta: Partial<CommandMeta> = {}): Promise<AvailabilityAnswer> {
  await deps.calendars.handle(input.expertId, { type: 'PublishAvailability', data: input, actor: who, metadata: { now: deps.clock.now() } }, { ...meta, commandId: meta.commandId ?? deps.ids.next() });
  return publishedAvailability(deps.availability, input.expertId);
}
