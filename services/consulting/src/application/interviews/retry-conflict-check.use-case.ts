import { IllegalStateError, type Principal } from '@hope/kernel';
import { visibleBooking, type BookingWithPayment } from './bookings-access';
import { settleInterviewPayment, type InterviewDeps } from './interview-deps';

/**
 * Asks matching's conflict check again (after a 503). The body never carries an answer: it comes from
 * matching. 409 when the gate failed or no check is due.
 */
export async function retryConflictCheck(deps: InterviewDeps, who: Principal, interviewId: string): Promise<BookingWithPayment> {
  // Write decision from a read model: whether a check is due (409 otherwise) is read from the bookings row;
  // the gate then re-reads the calendar stream before it records anything.
  const booking = visibleBooking(deps, who, interviewId);
  if (booking.status === 'gate-failed') throw new IllegalStateError('INTERVIEW.GATE_FAILED', 'The compliance gate failed for this call; it cannot be confirmed');
  const due = booking.status === 'accepted' && booking.compliance.attestationPassed === true && booking.compliance.conflictCheckPassed === null;
  if (!due && booking.compliance.conflictCheckPassed === null) {
    throw new IllegalStateError('INTERVIEW.CONFLICT_CHECK_NOT_DUE', 'The conflict check runs once the slot is agreed and the expert has attested');
  }
  await deps.gate.checkIfDue(booking.expertId, interviewId);
  if (booking.payment === 'points') await settleInterviewPayment(deps, booking.expertId, interviewId);
  return visibleBooking(deps, who, interviewId);
}
