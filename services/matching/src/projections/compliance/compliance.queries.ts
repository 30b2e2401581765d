import type { CompliancePolicy } from '../../domain/compliance/compliance';

/** What the compliance read model answers: the policy in force, as the compliance rules take it. */
export abstract class ComplianceQueries {
  abstract policy(): CompliancePolicy;
}
