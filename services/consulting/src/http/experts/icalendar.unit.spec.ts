import { escapeText, foldLine, renderCalendar, utcStamp } from './icalendar';

describe('iCalendar text (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and newlines in TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });
  it('writes UTC date-times with a Z, whatever offset came in', () => {
    expect(utcStamp('2030-03-05T09:00:00+08:00')).toBe('20300305T010000Z');
  });
  it('folds at 75 octets with CRLF + space, never inside a UTF-8 character', () => {
    const line = `SUMMARY:${'制冷剂'.repeat(20)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.every((p) => Buffer.byteLength(p) <= 75)).toBe(true);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(parts.map((p, n) => (n === 0 ? p : p.slice(1))).join('')).toBe(line);
  });
  it('a calendar is CRLF-terminated VCALENDAR with one VEVENT per entry', () => {
    const text = renderCalendar('x', [{ uid: 'u@h', start: '2030-01-01T10:00:00Z', end: '2030-01-01T11:00:00Z', summary: 's', status: 'CONFIRMED', lastModified: '2030-01-01T00:00:00Z', sequence: 1 }], '2030-01-01T00:00:00Z');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(text).not.toMatch(/[^\r]\n/);
  });
});
