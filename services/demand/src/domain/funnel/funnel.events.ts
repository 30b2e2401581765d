/**
 * The top of a demand's funnel as the demand service records it (stream `funnel-<demandId>`): experts
 * the matching service matched to it, and experts who opened its details. Private.
 */
export type FunnelEvent =
  | { type: 'ExpertsMatchedToDemand'; data: { demandId: string; subProblemId?: string; expertIds: string[]; matchedAt: string; sourceEventId: string } }
  | { type: 'DemandViewed'; data: { demandId: string; expertId: string; viewedAt: string } };
