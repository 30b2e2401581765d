import { SUM_COLUMNS, type AccountSums, type PointsLedger } from './points-ledger';
import type { SourceIndex } from './source-index';

export type FindingCode =
  | 'SOURCE_MISSING'
  | 'SOURCE_TYPE_MISMATCH'
  | 'EARNED_TWICE'
  | 'RETRACTED_NOT_REVERSED'
  | 'REVERSAL_SOURCE_MISSING'
  | 'CAPTURE_WITHOUT_RESERVATION'
  | 'CAPTURED_TWICE'
  | 'RESERVATION_AMOUNT_MISMATCH'
  | 'SOURCE_UNHANDLED'
  | 'RELEASE_WITHOUT_RESERVATION'
  | 'NEGATIVE_BALANCE_PART'
  | 'READ_MODEL_MISMATCH'
  | 'SOURCE_UNTRANSLATABLE';

export interface Finding {
  readonly code: FindingCode;
  readonly message: string;
  /** The ids an analyst looks up next: event, account, source event, reservation. */
  readonly ids: Readonly<Record<string, string>>;
}

/** Every earning traces to a source event that exists, has the type it claims, and (if retracted) was reversed. */
export function checkEarnings(ledger: PointsLedger, sources: SourceIndex): Finding[] {
  const findings: Finding[] = [];
  const reversedKeys = new Set(ledger.reversals.map((r) => `${r.expertId} ${r.retracted}`));
  const lots = new Map<string, string>();
  for (const e of ledger.earnings) {
    const ids = { eventId: e.eventId, expertId: e.expertId, sourceEventId: e.sourceEventId };
    const lotKey = `${e.expertId} ${e.lotId}`;
    const first = lots.get(lotKey);
    if (first) findings.push({ code: 'EARNED_TWICE', message: `lot ${e.lotId} earned twice (first in ${first})`, ids: { ...ids, lotId: e.lotId } });
    else lots.set(lotKey, e.eventId);
    const source = sources.events.get(e.sourceEventId);
    if (!source) {
      findings.push({ code: 'SOURCE_MISSING', message: `${e.points} points earned for a ${e.sourceType} that no service recorded`, ids });
      continue;
    }
    if (source.type !== e.sourceType) {
      findings.push({ code: 'SOURCE_TYPE_MISMATCH', message: `earning says its source is a ${e.sourceType}; ${source.service} recorded a ${source.type}`, ids });
    }
    for (const key of e.retractKeys) {
      const retraction = sources.retractions.get(key);
      if (retraction && retraction.expertIds.includes(e.expertId) && !reversedKeys.has(`${e.expertId} ${key}`)) {
        findings.push({ code: 'RETRACTED_NOT_REVERSED', message: `${key} was retracted by ${retraction.type} but its ${e.points} points were never reversed`, ids: { ...ids, retractionEventId: retraction.eventId } });
      }
    }
  }
  for (const r of ledger.reversals) {
    if (!sources.events.has(r.sourceEventId)) {
      findings.push({ code: 'REVERSAL_SOURCE_MISSING', message: `reversal of ${r.retracted} cites a ${r.sourceType} that no service recorded`, ids: { eventId: r.eventId, expertId: r.expertId, sourceEventId: r.sourceEventId } });
    }
  }
  for (const u of sources.untranslatable) {
    findings.push({ code: 'SOURCE_UNTRANSLATABLE', message: `${u.service} recorded a ${u.type} its translator refuses: ${u.error}`, ids: { eventId: u.id } });
  }
  return findings;
}

/**
 * Every capture (and release) has its reservation; it is captured at most once, and once it ends what
 * was captured plus what was released is what it held (a partial capture releases the rest).
 */
export function checkReservations(ledger: PointsLedger): Finding[] {
  const findings: Finding[] = [];
  for (const [expertId, byId] of ledger.reservations) {
    for (const [reservationId, t] of byId) {
      const ids = { expertId, reservationId };
      if (!t.reserved) {
        for (const c of t.captured) findings.push({ code: 'CAPTURE_WITHOUT_RESERVATION', message: `${c.points} points captured from a reservation never made`, ids: { ...ids, eventId: c.eventId } });
        for (const r of t.released) findings.push({ code: 'RELEASE_WITHOUT_RESERVATION', message: `${r.points} points released from a reservation never made`, ids: { ...ids, eventId: r.eventId } });
        continue;
      }
      const [, ...again] = t.captured;
      for (const c of again) findings.push({ code: 'CAPTURED_TWICE', message: `reservation captured again`, ids: { ...ids, eventId: c.eventId } });
      const ended = [...t.captured, ...t.released];
      const settled = ended.reduce((sum, m) => sum + m.points, 0);
      if (ended.length > 0 && settled !== t.reserved.points) {
        const captured = t.captured.reduce((sum, m) => sum + m.points, 0);
        findings.push({ code: 'RESERVATION_AMOUNT_MISMATCH', message: `captured ${captured} and released ${settled - captured} of a ${t.reserved.points}-point reservation`, ids: { ...ids, eventId: ended[ended.length - 1]!.eventId } });
      }
    }
  }
  return findings;
}

export type BalanceRow = { expert_id: string } & Record<(typeof SUM_COLUMNS)[number], number>;

/** The sums of the movements equal what a read model says, account by account (both ways: none missing). */
export function checkBalances(ledger: PointsLedger, readModel: readonly BalanceRow[], label: string): Finding[] {
  const findings: Finding[] = [];
  const rows = new Map(readModel.map((r) => [r.expert_id, r]));
  for (const [expertId, sums] of ledger.accounts) {
    for (const c of ['pending', 'reserved'] as const) {
      if (sums[c] < 0) findings.push({ code: 'NEGATIVE_BALANCE_PART', message: `${c} is ${sums[c]}: more left it than entered`, ids: { expertId } });
    }
    const row = rows.get(expertId);
    const differ = SUM_COLUMNS.filter((c) => (row?.[c] ?? 0) !== sums[c]);
    if (!row || differ.length > 0) {
      findings.push({ code: 'READ_MODEL_MISMATCH', message: `${label}: ${row ? differ.map((c) => `${c} ${row[c]} != ${sums[c]} (events)`).join(', ') : 'no row for this account'}`, ids: { expertId } });
    }
    rows.delete(expertId);
  }
  for (const expertId of rows.keys()) findings.push({ code: 'READ_MODEL_MISMATCH', message: `${label}: a row for an account with no movements`, ids: { expertId } });
  return findings;
}

export const sumAccounts = (accounts: Iterable<AccountSums>): AccountSums => {
  const t: AccountSums = { earned: 0, pending: 0, available: 0, reserved: 0, spent: 0, expired: 0, reversed: 0, adjusted: 0 };
  for (const a of accounts) for (const c of SUM_COLUMNS) t[c] += a[c];
  return t;
};
