/**
 * Who may read a confidential demand, and every time they did (stream `nda-<demandId>`): the audit
 * trail an operator reads. NdaAccepted becomes the contract event of the same name.
 */
export type NdaEvent =
  | { type: 'ExpertsInvited'; data: { demandId: string; organisationId: string; expertIds: string[]; invitedBy: string; invitedAt: string } }
  | { type: 'NdaAccepted'; data: { demandId: string; organisationId: string; expertId: string; ndaVersion: string; acceptedAt: string } }
  | { type: 'ConfidentialDetailsOpened'; data: { demandId: string; expertId: string; openedAt: string } };

/** The NDA every confidential demand uses for now (per-demand NDA texts would add a version per demand). */
export const STANDARD_NDA = {
  version: 'hope-standard-nda-v1',
  terms:
    'The recipient keeps the details of this demand confidential, uses them only to prepare a clue or a plan for it, ' +
    'and shares them with no one outside the co-authors of that proposal, for three years from acceptance.',
} as const;
