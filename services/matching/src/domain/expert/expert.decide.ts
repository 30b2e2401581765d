import { IllegalStateError, NotFoundError, ValidationError } from '@hope/kernel';
import type { ExpertCommand } from './expert.commands';
import type { ExpertEvent } from './expert.events';
import { evolve, initialState, type Expert } from './expert.state';
import { TERMS_VALID_DAYS } from '../compliance/compliance';
import { profileProblems, type ProfileChanges } from './profile';

export class ExpertAlreadyJoined extends IllegalStateError {
  constructor(expertId: string) {
    super('EXPERT.ALREADY_JOINED', `Expert ${expertId} has already joined`);
  }
}

export class CertificationStepRefused extends IllegalStateError {
  constructor(code: string, message: string) {
    super(code, message, { status: 422 });
  }
}

type Member = Extract<Expert, { status: 'member' }>;

export class ExpertForgotten extends IllegalStateError {
  constructor(expertId: string) {
    super('EXPERT.FORGOTTEN', `Expert ${expertId} asked to be forgotten; nothing more is recorded for them`);
  }
}

const member = (s: Expert, expertId: string): Member => {
  if (s.status === 'forgotten') throw new ExpertForgotten(expertId);
  if (s.status !== 'member') throw new NotFoundError('EXPERT.NOT_FOUND', `No expert ${expertId}`);
  return s;
};

const validProfile = (changes: ProfileChanges, now: Date): void => {
  const problems = profileProblems(changes, now);
  if (problems.length > 0) throw new ValidationError('EXPERT.INVALID_PROFILE', 'The profile is invalid', problems);
};

/** Drops fields whose value is the same as now: an update that changes nothing records nothing. */
const actualChanges = (current: Member['profile'], changes: ProfileChanges): ProfileChanges =>
  Object.fromEntries(
    Object.entries(changes).filter(([k, v]) => v !== undefined && JSON.stringify(v) !== JSON.stringify((current as unknown as Record<string, unknown>)[k])),
  ) as ProfileChanges;

export const decide = (cmd: ExpertCommand, state: Expert): ExpertEvent[] => {
  const at = cmd.metadata.now.toISOString();
  const { expertId } = cmd.data;
  switch (cmd.type) {
    case 'JoinExpert': {
      if (state.status === 'member') throw new ExpertAlreadyJoined(expertId);
      if (state.status === 'forgotten') throw new ExpertForgotten(expertId);
      validProfile(cmd.data.profile, cmd.metadata.now);
      const inv = cmd.data.invitation;
      return [{ type: 'ExpertJoined', data: { expertId, profile: cmd.data.profile, ...(inv ? { inviterId: inv.inviterId, invitationId: inv.invitationId } : {}), joinedAt: at } }];
    }
    case 'UpdateProfile': {
      const s = member(state, expertId);
      validProfile(cmd.data.changes, cmd.metadata.now);
      const changes = actualChanges(s.profile, cmd.data.changes);
      return Object.keys(changes).length === 0 ? [] : [{ type: 'ExpertProfileUpdated', data: { expertId, changes, updatedAt: at } }];
    }
    case 'PromoteToCore': {
      const s = member(state, expertId);
      if (s.tier !== 'interest') throw new CertificationStepRefused('EXPERT.ALREADY_CORE', `Expert ${expertId} is already ${s.tier}`);
      return [{ type: 'ExpertPromotedToCore', data: { expertId, by: cmd.data.by, promotedAt: at } }];
    }
    case 'ApplyForCertification': {
      const s = member(state, expertId);
      if (s.tier !== 'core') throw new CertificationStepRefused('CERTIFICATION.NOT_CORE', `Only core users may apply; expert ${expertId} is ${s.tier}`);
      if (s.certification.status === 'applied' || s.certification.status === 'in-review') {
        throw new CertificationStepRefused('CERTIFICATION.PENDING', `Expert ${expertId} already has an application ${s.certification.status}`);
      }
      const { motivation } = cmd.data;
      return [{ type: 'CertificationApplied', data: { expertId, ...(motivation !== undefined ? { motivation } : {}), appliedAt: at } }];
    }
    case 'StartCertificationReview': {
      const s = member(state, expertId);
      if (s.certification.status !== 'applied') throw new CertificationStepRefused('CERTIFICATION.NOT_APPLIED', `Expert ${expertId} has no application waiting for review`);
      return [{ type: 'CertificationReviewStarted', data: { expertId, by: cmd.data.by, startedAt: at } }];
    }
    case 'CertifyExpert': {
      const s = member(state, expertId);
      if (s.certification.status !== 'in-review') throw new CertificationStepRefused('CERTIFICATION.NOT_IN_REVIEW', `Expert ${expertId}'s application is not in review`);
      return [{ type: 'ExpertCertified', data: { expertId, by: cmd.data.by, certifiedAt: at } }];
    }
    case 'RefuseCertification': {
      const s = member(state, expertId);
      if (s.certification.status !== 'in-review') throw new CertificationStepRefused('CERTIFICATION.NOT_IN_REVIEW', `Expert ${expertId}'s application is not in review`);
      const reason = cmd.data.reason.trim();
      if (reason === '') throw new ValidationError('CERTIFICATION.REASON_REQUIRED', 'A refusal needs a reason', [{ field: 'reason', reason: 'must not be empty' }]);
      return [{ type: 'CertificationRefused', data: { expertId, by: cmd.data.by, reason, refusedAt: at } }];
    }
    case 'AcceptTerms': {
      const s = member(state, expertId);
      const { version, currentTerms } = cmd.data;
      if (currentTerms === undefined || version !== currentTerms) {
        throw new IllegalStateError('TERMS.NOT_CURRENT', `Terms ${version} are not the current terms (${currentTerms ?? 'none published'})`, { status: 422 });
      }
      // Re-acceptance is yearly: the same version accepted within the year records nothing.
      const fresh = s.terms?.version === version && cmd.metadata.now.getTime() - Date.parse(s.terms.acceptedAt) <= TERMS_VALID_DAYS * 86_400_000;
      return fresh ? [] : [{ type: 'TermsAccepted', data: { expertId, version, acceptedAt: at } }];
    }
    case 'RecordEmployerRestriction': {
      member(state, expertId);
      const { restriction, by } = cmd.data;
      const problems = [
        ...(restriction.organisationIds.length === 0 ? [{ field: 'organisationIds', reason: 'must name at least one organisation' }] : []),
        ...(restriction.until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(restriction.until) ? [{ field: 'until', reason: 'must be YYYY-MM-DD' }] : []),
      ];
      if (problems.length > 0) throw new ValidationError('EXPERT.INVALID_RESTRICTION', 'The restriction is invalid', problems);
      return [{ type: 'EmployerRestrictionRecorded', data: { expertId, restriction, by, recordedAt: at } }];
    }
    case 'LiftEmployerRestriction': {
      const s = member(state, expertId);
      if (!s.restrictions.some((r) => r.restrictionId === cmd.data.restrictionId)) {
        throw new NotFoundError('EXPERT.RESTRICTION_NOT_FOUND', `Expert ${expertId} has no restriction ${cmd.data.restrictionId}`);
      }
      return [{ type: 'EmployerRestrictionLifted', data: { expertId, restrictionId: cmd.data.restrictionId, by: cmd.data.by, liftedAt: at } }];
    }
    case 'ForgetExpert': {
      // Forgetting twice is not an error: the request may be retried after the key was already deleted.
      if (state.status === 'forgotten') return [];
      member(state, expertId);
      return [{ type: 'ExpertForgotten', data: { expertId, by: cmd.data.by, forgottenAt: at } }];
    }
  }
};

export const expertDecider = { decide, evolve, initialState };
