import type { ExistingDemand } from '../../domain/demand/demand.state';
import type { ConfidentialDemand } from '../../domain/nda/nda.decide';

/** What the NDA decider needs of the demand, read from the demand's stream. */
export const confidentialDemand = (d: ExistingDemand): ConfidentialDemand => ({ demandId: d.demandId, organisationId: d.organisationId, visibility: d.content.visibility, status: d.status });
