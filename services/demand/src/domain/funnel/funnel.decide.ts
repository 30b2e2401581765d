import type { FunnelEvent } from './funnel.events';

export interface DemandFunnel {
  readonly matched: readonly string[];
  readonly viewed: readonly string[];
}
export const initialState: DemandFunnel = { matched: [], viewed: [] };

export const evolve = (s: DemandFunnel, e: FunnelEvent): DemandFunnel => {
  switch (e.type) {
    case 'ExpertsMatchedToDemand':
      return { ...s, matched: [...new Set([...s.matched, ...e.data.expertIds])] };
    case 'DemandViewed':
      return { ...s, viewed: s.viewed.includes(e.data.expertId) ? s.viewed : [...s.viewed, e.data.expertId] };
    default:
      return s;
  }
};

type Cmd<T extends string, D> = { type: T; data: D; metadata: { now: Date } };
export type FunnelCommand =
  | Cmd<'RecordMatches', { demandId: string; subProblemId?: string; expertIds: string[]; matchedAt: string; sourceEventId: string }>
  | Cmd<'RecordView', { demandId: string; expertId: string }>;

/** Each expert is matched, and views, once per demand: later matches and openings add nothing. */
export const decide = (cmd: FunnelCommand, s: DemandFunnel): FunnelEvent[] => {
  switch (cmd.type) {
    case 'RecordMatches': {
      const expertIds = [...new Set(cmd.data.expertIds)].filter((x) => !s.matched.includes(x)).sort();
      if (expertIds.length === 0) return [];
      const { demandId, subProblemId, matchedAt, sourceEventId } = cmd.data;
      return [{ type: 'ExpertsMatchedToDemand', data: { demandId, ...(subProblemId !== undefined ? { subProblemId } : {}), expertIds, matchedAt, sourceEventId } }];
    }
    case 'RecordView':
      if (s.viewed.includes(cmd.data.expertId)) return [];
      return [{ type: 'DemandViewed', data: { demandId: cmd.data.demandId, expertId: cmd.data.expertId, viewedAt: cmd.metadata.now.toISOString() } }];
  }
};

export const funnelDecider = { decide, evolve, initialState };
export const funnelStream = (demandId: string): string => `funnel-${demandId}`;
/** The view's command id: its event id derives from it, so a second opening (or a retry) appends nothing. */
export const viewCommandId = (demandId: string, expertId: string): string => `${demandId}:viewed:${expertId}`;
