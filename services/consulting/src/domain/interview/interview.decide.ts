import type { InterviewCommand } from './interview.commands';
import type { InterviewEvent } from './interview.events';
import { evolve, initialState, type Calendar } from './interview.state';
import { acceptInterview } from './decide/accept-interview';
import { cancelInterview } from './decide/cancel-interview';
import { completeInterview } from './decide/complete-interview';
import { counterProposeInterview } from './decide/counter-propose-interview';
import { declineInterview } from './decide/decline-interview';
import { expireInterview } from './decide/expire-interview';
import { failInterviewPayment } from './decide/fail-interview-payment';
import { publishAvailability } from './decide/publish-availability';
import { rateInterview } from './decide/rate-interview';
import { recordAttestation } from './decide/record-attestation';
import { recordConflictCheck } from './decide/record-conflict-check';
import { recordNoShow } from './decide/record-no-show';
import { requestInterview } from './decide/request-interview';
import { rescheduleInterview } from './decide/reschedule-interview';

export { awaitsConflictCheck, expertRequesterOrganisation } from './decide/checks';

/** One expert's calendar: each command's rule lives in its own file under decide/. */
export const decide = (cmd: InterviewCommand, s: Calendar): InterviewEvent[] => {
  switch (cmd.type) {
    case 'RequestInterview':
      return requestInterview(cmd, s);
    case 'PublishAvailability':
      return publishAvailability(cmd);
    case 'AcceptInterview':
      return acceptInterview(cmd, s);
    case 'CounterProposeInterview':
      return counterProposeInterview(cmd, s);
    case 'DeclineInterview':
      return declineInterview(cmd, s);
    case 'ExpireInterview':
      return expireInterview(cmd, s);
    case 'RecordAttestation':
      return recordAttestation(cmd, s);
    case 'RecordConflictCheck':
      return recordConflictCheck(cmd, s);
    case 'RescheduleInterview':
      return rescheduleInterview(cmd, s);
    case 'CancelInterview':
      return cancelInterview(cmd, s);
    case 'CompleteInterview':
      return completeInterview(cmd, s);
    case 'RateInterview':
      return rateInterview(cmd, s);
    case 'RecordNoShow':
      return recordNoShow(cmd, s);
    case 'FailInterviewPayment':
      return failInterviewPayment(cmd, s);
  }
};

export const interviewDecider = { decide, evolve, initialState };
