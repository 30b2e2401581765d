export { describeSharedStateContract, type SharedStateHarness } from './shared-state.contract';
export { ManualClock } from './manual-clock';
export { grantMemberships, publishMemberships, type MembershipChange } from './memberships';
