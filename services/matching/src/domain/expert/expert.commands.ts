import type { EmployerRestriction } from '../compliance/compliance';
import type { Profile, ProfileChanges } from './profile';

interface At {
  readonly metadata: { readonly now: Date };
}

export type ExpertCommand =
  | ({ type: 'JoinExpert'; data: { expertId: string; profile: Profile; invitation?: { invitationId: string; inviterId: string } } } & At)
  | ({ type: 'UpdateProfile'; data: { expertId: string; changes: ProfileChanges } } & At)
  | ({ type: 'PromoteToCore'; data: { expertId: string; by: string } } & At)
  | ({ type: 'ApplyForCertification'; data: { expertId: string; motivation?: string } } & At)
  | ({ type: 'StartCertificationReview'; data: { expertId: string; by: string } } & At)
  | ({ type: 'CertifyExpert'; data: { expertId: string; by: string } } & At)
  | ({ type: 'RefuseCertification'; data: { expertId: string; by: string; reason: string } } & At)
  /** `currentTerms`: the version in force, read from the policy by the handler (absent: none published). */
  | ({ type: 'AcceptTerms'; data: { expertId: string; version: string; currentTerms?: string } } & At)
  | ({ type: 'RecordEmployerRestriction'; data: { expertId: string; restriction: EmployerRestriction; by: string } } & At)
  | ({ type: 'LiftEmployerRestriction'; data: { expertId: string; restrictionId: string; by: string } } & At)
  | ({ type: 'ForgetExpert'; data: { expertId: string; by: string } } & At);
