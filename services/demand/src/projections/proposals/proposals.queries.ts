import type Database from 'better-sqlite3';
import { adoptedProposalIds, proposalsOfDemand, proposalsOfExpert, type ProposalSummary } from './proposals.projection';

/** What the proposals read model answers. */
export abstract class ProposalQueries {
  /** A demand's clues and plans, oldest first. */
  abstract ofDemand(demandId: string): ProposalSummary[];
  /** The proposals an expert represents or co-authors, newest first, with the expert's part in each. */
  abstract ofExpert(expertId: string): (ProposalSummary & { role: string })[];
  /** The ids of a demand's adopted plans. */
  abstract adoptedIds(demandId: string): string[];
}

export class SqliteProposalQueries extends ProposalQueries {
  constructor(private readonly db: Database.Database) {
    super();
  }

  ofDemand(demandId: string) {
    return proposalsOfDemand(this.db, demandId);
  }

  ofExpert(expertId: string) {
    return proposalsOfExpert(this.db, expertId);
  }

  adoptedIds(demandId: string) {
    return adoptedProposalIds(this.db, demandId);
  }
}
