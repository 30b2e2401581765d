import { EventSchemaMismatch } from '@hope/contracts';
import type { RecordedEvent } from '@hope/kernel';
import { envelopeOf } from '../src/relay/contract-translator';
import { VALIDATE_EVENTS_FLAG } from '../src/relay/produced-event-check';

const at = '2030-03-04T08:00:00.000Z';
const recorded = (type: string, data: unknown): RecordedEvent => ({ id: 'e-1', type, data, metadata: {}, stream: 'account-x', revision: 0, position: 1n as never, recordedAt: new Date(at) });
const captured = { expertId: 'x', reservationId: 'r-1', points: 5, at, by: 'service:consulting' };

/** The jest setup turns the check on (HOPE_VALIDATE_EVENTS=1): every envelope a service builds meets its schema. */
describe('envelopeOf under test: produced events are checked against their JSON Schema', () => {
  afterEach(() => {
    process.env[VALIDATE_EVENTS_FLAG] = '1';
  });

  it('is on in the test runs', () => {
    expect(process.env[VALIDATE_EVENTS_FLAG]).toBe('1');
  });

  it('given a payload that matches, builds the envelope', () => {
    expect(envelopeOf(recorded('ReservationCaptured', captured), { type: 'ReservationCaptured', version: 1, data: captured })).toMatchObject({ type: 'ReservationCaptured', data: captured });
  });

  it('given a payload that breaks its schema, throws naming the field', () => {
    const broken = { ...captured, points: 0 };
    expect(() => envelopeOf(recorded('ReservationCaptured', broken), { type: 'ReservationCaptured', version: 1, data: broken })).toThrow(EventSchemaMismatch);
    expect(() => envelopeOf(recorded('ReservationCaptured', broken), { type: 'ReservationCaptured', version: 1, data: broken })).toThrow('data/points must be >= 1');
  });

  it('leaves types the registry does not know alone (libraries publish synthetic ones), and is off without the flag', () => {
    expect(envelopeOf(recorded('Counted', { n: 1 }), { type: 'Counted', version: 1, data: { n: 1 } })).toMatchObject({ type: 'Counted' });
    process.env[VALIDATE_EVENTS_FLAG] = '0';
    const broken = { ...captured, points: 0 };
    expect(envelopeOf(recorded('ReservationCaptured', broken), { type: 'ReservationCaptured', version: 1, data: broken })).toMatchObject({ data: broken });
  });
});
