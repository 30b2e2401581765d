import { aggregate } from '@hope/kernel';
import { needDecider, needStream } from './need.decide';

/** The publish-a-need saga's record. Handler names feed the event ids: they never change. */
export const needs = aggregate({
  name: 'demand.need',
  streamOf: needStream,
  decider: needDecider,
  handlerNames: {
    RequestNeed: 'need.RequestNeed',
    RecordReservation: 'need.RecordReservation',
    RecordReservationRefused: 'need.RecordReservationRefused',
    ApproveNeed: 'need.ApproveNeed',
    RejectNeed: 'need.RejectNeed',
    TimeOutReview: 'need.TimeOutReview',
    RecordCapture: 'need.RecordCapture',
    RecordCaptureFailed: 'need.RecordCaptureFailed',
    RecordRelease: 'need.RecordRelease',
    RecordListing: 'need.RecordListing',
  },
});
