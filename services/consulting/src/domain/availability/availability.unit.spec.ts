import { formatInZone, freeStarts, isAvailable, openWindows, zonedToInstant, checkAvailability, type Availability } from './availability';
import { ValidationError } from '@hope/kernel';

const berlin: Availability = { timeZone: 'Europe/Berlin', weekly: [{ day: 'mon', from: '09:00', to: '12:00' }, { day: 'sun', from: '01:00', to: '04:00' }], exceptions: [] };
const t = (iso: string) => Date.parse(iso);

describe('availability in the expert time zone (IANA, DST-correct)', () => {
  it('09:00 Berlin is 08:00Z in winter and 07:00Z in summer (wall time kept across DST)', () => {
    expect(new Date(zonedToInstant('2030-01-07', 9 * 60, 'Europe/Berlin')).toISOString()).toBe('2030-01-07T08:00:00.000Z');
    expect(new Date(zonedToInstant('2030-07-01', 9 * 60, 'Europe/Berlin')).toISOString()).toBe('2030-07-01T07:00:00.000Z');
    // 2030-03-31 is the spring-forward Sunday: 01:00-04:00 local is only 2 hours long.
    const [w] = openWindows(berlin, t('2030-03-30T12:00:00Z'), t('2030-04-01T00:00:00Z'));
    expect(w).toEqual({ start: t('2030-03-31T00:00:00Z'), end: t('2030-03-31T02:00:00Z') });
  });

  it('a request inside the weekly slot is available, one crossing its end or on another day is not; exceptions replace a date', () => {
    expect(isAvailable(berlin, t('2030-01-07T10:00:00Z'), t('2030-01-07T11:00:00Z'))).toBe(true);
    expect(isAvailable(berlin, t('2030-01-07T10:30:00Z'), t('2030-01-07T11:30:00Z'))).toBe(false);
    expect(isAvailable(berlin, t('2030-01-08T08:00:00Z'), t('2030-01-08T09:00:00Z'))).toBe(false);
    const away = { ...berlin, exceptions: [{ date: '2030-01-07', slots: [] }, { date: '2030-01-08', slots: [{ from: '14:00', to: '15:00' }] }] };
    expect(isAvailable(away, t('2030-01-07T08:00:00Z'), t('2030-01-07T09:00:00Z'))).toBe(false);
    expect(isAvailable(away, t('2030-01-08T13:00:00Z'), t('2030-01-08T14:00:00Z'))).toBe(true);
    expect(isAvailable(undefined, 0, 1)).toBe(true);
  });

  it('free starts skip busy calls and are shown in the asker time zone', () => {
    const busy = [{ start: t('2030-01-07T09:00:00Z'), end: t('2030-01-07T10:00:00Z') }];
    const starts = freeStarts(berlin, busy, t('2030-01-07T00:00:00Z'), t('2030-01-08T00:00:00Z'), 60, 30, 10);
    expect(starts.map((s) => new Date(s).toISOString())).toEqual(['2030-01-07T08:00:00.000Z', '2030-01-07T10:00:00.000Z']);
    expect(formatInZone(t('2030-01-07T08:00:00Z'), 'Asia/Shanghai')).toBe('2030-01-07T16:00:00+08:00');
    expect(formatInZone(t('2030-07-01T07:00:00Z'), 'America/New_York')).toBe('2030-07-01T03:00:00-04:00');
    expect(formatInZone(t('2030-01-07T08:00:00Z'), 'Asia/Kolkata')).toBe('2030-01-07T13:30:00+05:30');
  });

  it('refuses an unknown zone, bad times and impossible dates, naming the field', () => {
    const field = (a: Availability) => {
      try {
        checkAvailability(a);
        return undefined;
      } catch (e) {
        return (e as ValidationError).fields[0]?.field;
      }
    };
    expect(field({ ...berlin, timeZone: 'Mars/Olympus' })).toBe('timeZone');
    expect(field({ ...berlin, weekly: [{ day: 'mon', from: '10:00', to: '09:00' }] })).toBe('weekly.0.to');
    expect(field({ ...berlin, exceptions: [{ date: '2030-02-30', slots: [] }] })).toBe('exceptions.0.date');
    expect(field(berlin)).toBeUndefined();
  });
});
