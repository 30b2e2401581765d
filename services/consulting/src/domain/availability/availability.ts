import { ValidationError } from '@hope/kernel';

/**
 * An expert's availability, in the expert's own IANA time zone: recurring weekly slots (wall-clock
 * times, so 09:00 stays 09:00 across a DST change) and exceptions that replace one local date's slots
 * (no slots = away that day). All conversions go through Intl, never a fixed offset.
 */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface WeeklySlot {
  readonly day: Weekday;
  /** Local wall time `HH:MM`; `to` may be `24:00`. */
  readonly from: string;
  readonly to: string;
}
export interface AvailabilityException {
  /** Local date `YYYY-MM-DD` in the expert's zone. */
  readonly date: string;
  readonly slots: readonly { readonly from: string; readonly to: string }[];
}
export interface Availability {
  readonly timeZone: string;
  readonly weekly: readonly WeeklySlot[];
  readonly exceptions: readonly AvailabilityException[];
}
export interface Interval {
  readonly start: number;
  readonly end: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const invalid = (field: string, reason: string): never => {
  throw new ValidationError('REQUEST.INVALID', `${field} ${reason}`, [{ field, reason }]);
};

export const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
};

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatter = (tz: string): Intl.DateTimeFormat => {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(tz, f);
  }
  return f;
};

/** The zone's wall clock at an instant, as if it were UTC (the difference is the zone's offset). */
const wallClock = (instant: number, tz: string): number => {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(new Date(instant))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!);
};

/** Offset of `tz` from UTC at `instant`, in ms (east positive). */
export const offsetAt = (instant: number, tz: string): number => wallClock(Math.floor(instant / 1000) * 1000, tz) - Math.floor(instant / 1000) * 1000;

/** The instant a local date and time in `tz` denotes (a time skipped by DST moves forward by the gap). */
export const zonedToInstant = (date: string, minutes: number, tz: string): number => {
  const m = DATE.exec(date)!;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + minutes * MINUTE;
  const first = asUtc - offsetAt(asUtc, tz);
  const second = asUtc - offsetAt(first, tz);
  return offsetAt(second, tz) === offsetAt(first, tz) ? second : Math.max(first, second);
};

const dateOf = (utcMidnight: number): string => new Date(utcMidnight).toISOString().slice(0, 10);
const localMidnightAsUtc = (instant: number, tz: string): number => Math.floor(wallClock(instant, tz) / DAY) * DAY;

/** ISO 8601 with the zone's offset at that instant: `2030-03-05T09:00:00+08:00`. */
export const formatInZone = (instant: number, tz: string): string => {
  const offsetMin = Math.round(offsetAt(instant, tz) / MINUTE);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const local = new Date(instant + offsetMin * MINUTE).toISOString().slice(0, 19);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};

export const checkAvailability = (a: Availability): Availability => {
  if (!isTimeZone(a.timeZone)) invalid('timeZone', 'must be an IANA time zone such as Asia/Shanghai');
  const checkSpan = (field: string, s: { from: string; to: string }) => {
    if (!TIME.test(s.from) || s.from === '24:00') invalid(`${field}.from`, 'must be HH:MM');
    if (!TIME.test(s.to)) invalid(`${field}.to`, 'must be HH:MM (or 24:00)');
    if (minutesOf(s.to) <= minutesOf(s.from)) invalid(`${field}.to`, 'must be after from');
  };
  if (a.weekly.length > 100) invalid('weekly', 'must hold at most 100 slots');
  if (a.exceptions.length > 400) invalid('exceptions', 'must hold at most 400 dates');
  a.weekly.forEach((s, n) => {
    if (!WEEKDAYS.includes(s.day)) invalid(`weekly.${n}.day`, `must be one of ${WEEKDAYS.join(', ')}`);
    checkSpan(`weekly.${n}`, s);
  });
  const dates = new Set<string>();
  a.exceptions.forEach((x, n) => {
    const m = DATE.exec(x.date);
    if (!m || dateOf(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) !== x.date) invalid(`exceptions.${n}.date`, 'must be a date YYYY-MM-DD');
    if (dates.has(x.date)) invalid(`exceptions.${n}.date`, 'must not repeat a date');
    dates.add(x.date);
    x.slots.forEach((s, k) => checkSpan(`exceptions.${n}.slots.${k}`, s));
  });
  return a;
};

/** Open windows (UTC ms, merged, sorted) intersecting [from, to). */
export const openWindows = (a: Availability, from: number, to: number): Interval[] => {
  const exceptions = new Map(a.exceptions.map((x) => [x.date, x.slots]));
  const out: Interval[] = [];
  // One local day either side: a window of the previous local day may reach into the range.
  for (let day = localMidnightAsUtc(from, a.timeZone) - DAY; day <= localMidnightAsUtc(to, a.timeZone) + DAY; day += DAY) {
    const date = dateOf(day);
    const weekday = WEEKDAYS[new Date(day).getUTCDay()]!;
    const spans = exceptions.get(date) ?? a.weekly.filter((w) => w.day === weekday);
    for (const s of spans) {
      const start = Math.max(from, zonedToInstant(date, minutesOf(s.from), a.timeZone));
      const end = Math.min(to, zonedToInstant(date, minutesOf(s.to), a.timeZone));
      if (end > start) out.push({ start, end });
    }
  }
  out.sort((x, y) => x.start - y.start);
  const merged: Interval[] = [];
  for (const w of out) {
    const last = merged[merged.length - 1];
    if (last && w.start <= last.end) merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, w.end) };
    else merged.push(w);
  }
  return merged;
};

export const isAvailable = (a: Availability | undefined, start: number, end: number): boolean =>
  !a || openWindows(a, start, end).some((w) => w.start <= start && w.end >= end);

/**
 * Start times (every `stepMinutes` from each free window's start) where a call of `minutes` fits
 * inside availability and overlaps no busy interval. `busy` must be sorted by start.
 */
export const freeStarts = (a: Availability, busy: readonly Interval[], from: number, to: number, minutes: number, stepMinutes: number, limit: number): number[] => {
  const out: number[] = [];
  const length = minutes * MINUTE;
  let b = 0;
  for (const w of openWindows(a, from, to)) {
    for (let s = w.start; s + length <= w.end && out.length < limit; s += stepMinutes * MINUTE) {
      while (b < busy.length && busy[b]!.end <= s) b++;
      let clash = false;
      for (let k = b; k < busy.length && busy[k]!.start < s + length; k++) if (busy[k]!.end > s) clash = true;
      if (!clash) out.push(s);
    }
  }
  return out;
};
