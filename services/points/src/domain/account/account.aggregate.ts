import { aggregate } from '@hope/kernel';
import type { AccountCommand } from './account.commands';
import { accountDecider } from './account.decide';
import { accountStream } from './account.events';

/**
 * An expert's (or organisation's) account, `account-<expertId>`. The handler names feed the event ids
 * (uuidv5(name, commandId, i)) and were fixed by the events already written: never rename one.
 */
export const accounts = aggregate({
  name: 'points.account',
  streamOf: (expertId: string) => accountStream(expertId),
  decider: accountDecider,
  handlerNames: {
    // One source event may earn under several rules: the rule names the handler, so each earning has its own ids.
    EarnPoints: (c: Extract<AccountCommand, { type: 'EarnPoints' }>) => `points.earn.${c.data.rule.id}`,
    EvaluateTier: 'points.tier.evaluate',
    ReverseSource: (c: Extract<AccountCommand, { type: 'ReverseSource' }>) => (c.data.invitationSide ? `points.reverse-${c.data.invitationSide}` : 'points.reverse'),
    UnlockPoints: 'points.unlock',
    ExpirePoints: 'points.expire',
    ReservePoints: 'points.reserve',
    CaptureReservation: 'points.capture',
    ReleaseReservation: 'points.release',
    ReleaseTimedOutReservations: 'points.reservation-timeout',
    AdjustPoints: 'points.adjust',
    RecordDebt: 'points.debt',
  },
});
