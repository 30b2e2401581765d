/**
 * How long points holds a reservation for a call (plain data and arithmetic, no other domain import):
 * the interview state and the payment policy both read it, so it sits below both.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * An interview's reservation is held by points until the call's end plus this margin (`holdUntil`), so
 * a call booked weeks ahead keeps its points without the catalogue's 24 h timeout. The margin is the
 * time the expert (or an operator) has to record completion or a no-show after the call: 7 days.
 * Points holds a reservation at most `MAX_HOLD_DAYS` (its limit on `holdUntil`).
 */
export const POINTS_HOLD = { completionMarginHours: 7 * 24, maxHoldDays: 180, minCompletionMarginAfterMoveHours: 24 } as const;

/** The latest end a confirmed points call may be moved to: a day of completion margin must remain inside its hold. */
export const latestEndWithinHold = (heldUntil: string): Date => new Date(Date.parse(heldUntil) - POINTS_HOLD.minCompletionMarginAfterMoveHours * HOUR);

export const holdUntilOf = (slotEnd: string): string => new Date(Date.parse(slotEnd) + POINTS_HOLD.completionMarginHours * HOUR).toISOString();

/**
 * The hold to ask for when the payment opens `now`: the call's end plus the margin, never beyond points'
 * 180 days (only a slot agreed before the limit was enforced can reach it; it then lapses early and is
 * reserved again at capture); none when already past (the payment opened late: the catalogue timeout).
 */
export const pointsHoldFor = (slotEnd: string, now: Date): string | undefined => {
  const until = Math.min(Date.parse(holdUntilOf(slotEnd)), now.getTime() + POINTS_HOLD.maxHoldDays * DAY);
  return until > now.getTime() ? new Date(until).toISOString() : undefined;
};

/** The latest end a call paid by points may have when its slot is agreed `now` (hold <= 180 days). */
export const latestPointsCallEnd = (now: Date): Date => new Date(now.getTime() + POINTS_HOLD.maxHoldDays * DAY - POINTS_HOLD.completionMarginHours * HOUR);
