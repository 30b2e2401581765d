import { aggregate } from '@hope/kernel';
import type { ExpertCommand } from './expert.commands';
import { expertStream } from './expert.events';
import type { PersonalDataSeal } from './personal-data';
import { sealedExpertDecider } from './sealed-expert.decider';

/**
 * An expert, `expert-<expertId>`. The decider seals the personal fields on the way in and opens them on
 * the way out, so the aggregate needs the service's cipher: it is declared once per cipher (bound once
 * in the module). Handler names are the ones the events were written under before the kernel; they
 * derive the event ids and must never change.
 */
export const expertAggregate = (cipher: PersonalDataSeal) =>
  aggregate({
    name: 'matching.expert',
    streamOf: (expertId: string) => expertStream(expertId),
    decider: sealedExpertDecider(cipher),
    handlerNames: {
      JoinExpert: 'matching.JoinExpert',
      UpdateProfile: 'matching.UpdateProfile',
      PromoteToCore: 'matching.PromoteToCore',
      ApplyForCertification: 'matching.ApplyForCertification',
      StartCertificationReview: 'matching.StartCertificationReview',
      CertifyExpert: 'matching.CertifyExpert',
      RefuseCertification: 'matching.RefuseCertification',
      AcceptTerms: 'matching.AcceptTerms',
      RecordEmployerRestriction: 'matching.RecordEmployerRestriction',
      LiftEmployerRestriction: 'matching.LiftEmployerRestriction',
      ForgetExpert: 'matching.ForgetExpert',
    } satisfies Record<ExpertCommand['type'], string>,
  });

export type ExpertAggregate = ReturnType<typeof expertAggregate>;
