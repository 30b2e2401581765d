/** A proposal's question thread (stream `questions-<proposalId>`): the seeker asks, the authors answer. Private. */
export type QuestionEvent =
  | { type: 'QuestionAsked'; data: { proposalId: string; demandId: string; organisationId: string; questionId: string; text: string; askedBy: string; askedAt: string } }
  | { type: 'QuestionAnswered'; data: { proposalId: string; questionId: string; answerId: string; text: string; answeredBy: string; answeredAt: string } };
