/**
 * The steps after matching and inviting, per demand and expert, each recorded once (the first time):
 * viewed (the expert opened the demand), submitted (a clue or plan), shortlisted, adopted. Matched and
 * invited are the matches stream's events; the funnel read model joins both.
 */
export const FUNNEL_STEPS = ['matched', 'invited', 'viewed', 'submitted', 'shortlisted', 'adopted'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
export type RecordedStep = Exclude<FunnelStep, 'matched' | 'invited'>;

export type FunnelEvent = {
  type: 'FunnelStepRecorded';
  data: { demandId: string; expertId: string; step: RecordedStep; proposalId?: string; at: string };
};

export type FunnelCommand = {
  type: 'RecordFunnelStep';
  data: { demandId: string; expertId: string; step: RecordedStep; proposalId?: string; at: string };
};

export interface Funnel {
  readonly reached: ReadonlySet<string>;
}

export const initialState: Funnel = { reached: new Set() };
const key = (expertId: string, step: RecordedStep) => `${expertId}\u0000${step}`;

/** `at` comes from the source event (when it happened), not the clock: a replay records the same. */
export const decide = (cmd: FunnelCommand, s: Funnel): FunnelEvent[] => {
  const { demandId, expertId, step, proposalId, at } = cmd.data;
  if (s.reached.has(key(expertId, step))) return [];
  return [{ type: 'FunnelStepRecorded', data: { demandId, expertId, step, ...(proposalId !== undefined ? { proposalId } : {}), at } }];
};

export const evolve = (s: Funnel, e: FunnelEvent): Funnel =>
  e.type === 'FunnelStepRecorded' ? { reached: new Set([...s.reached, key(e.data.expertId, e.data.step)]) } : s;

export const funnelDecider = { decide, evolve, initialState };
export const funnelStream = (demandId: string): string => `funnel-${demandId}`;
