/**
 * What consulting knows exists elsewhere: experts who joined (matching's ExpertJoined) and demands that
 * were published (demand's DemandPublished). One stream per expert (`known-expert-<id>`) and per demand
 * (`known-demand-<id>`), so a request that names one is checked by loading a single stream of our own
 * store: no call to another service per request, and no projection lag between the event and the check.
 */
export type ExpertDirectoryEvent = { type: 'ExpertBecameKnown'; data: { expertId: string; joinedAt: string } };
export type ExpertDirectoryCommand = { type: 'NoteExpert'; data: { expertId: string; joinedAt: string } };
export type DemandDirectoryEvent = { type: 'DemandBecameKnown'; data: { demandId: string; publishedAt: string } };
export type DemandDirectoryCommand = { type: 'NoteDemand'; data: { demandId: string; publishedAt: string } };

export interface Known {
  readonly known: boolean;
}
export const initialState: Known = { known: false };
const evolve = (): Known => ({ known: true });

/** Noted once: a redelivery or a second join adds nothing. */
export const expertDirectoryDecider = {
  decide: (cmd: ExpertDirectoryCommand, s: Known): ExpertDirectoryEvent[] => (s.known ? [] : [{ type: 'ExpertBecameKnown', data: cmd.data }]),
  evolve,
  initialState,
};

/** Noted once: a redelivery, a second publication or a revision adds nothing. */
export const demandDirectoryDecider = {
  decide: (cmd: DemandDirectoryCommand, s: Known): DemandDirectoryEvent[] => (s.known ? [] : [{ type: 'DemandBecameKnown', data: cmd.data }]),
  evolve,
  initialState,
};

export const knownExpertStream = (expertId: string): string => `known-expert-${expertId}`;
export const knownDemandStream = (demandId: string): string => `known-demand-${demandId}`;
