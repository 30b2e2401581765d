import { aggregate } from '@hope/kernel';
import { organisationDecider, organisationStream } from './organisation.decide';

/** An organisation and its members. Handler names feed the event ids: they never change. */
export const organisations = aggregate({
  name: 'demand.organisation',
  streamOf: organisationStream,
  decider: organisationDecider,
  handlerNames: {
    RegisterOrganisation: 'organisation.RegisterOrganisation',
    AddMember: 'organisation.AddMember',
    RemoveMember: 'organisation.RemoveMember',
  },
});
