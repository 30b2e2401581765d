import type { Decider } from '@hope/kernel';
import type { ExpertCommand } from './expert.commands';
import { decide } from './expert.decide';
import type { ExpertEvent, StoredExpertEvent } from './expert.events';
import { evolve, initialState, type Expert } from './expert.state';
import { ERASED_NAME, splitPersonal, type PersonalDataSeal } from './personal-data';
import type { Profile } from './profile';

/** Domain event -> stored event: the personal fields leave only sealed with the expert's key. */
export function sealExpertEvent(cipher: PersonalDataSeal, e: ExpertEvent): StoredExpertEvent {
  switch (e.type) {
    case 'ExpertJoined': {
      const { personal, rest } = splitPersonal(e.data.profile);
      return { type: e.type, data: { ...e.data, profile: rest, personal: cipher.seal(e.data.expertId, personal) } };
    }
    case 'ExpertProfileUpdated': {
      const { personal, rest } = splitPersonal(e.data.changes);
      return { type: e.type, data: { ...e.data, changes: rest, ...(Object.keys(personal).length > 0 ? { personal: cipher.seal(e.data.expertId, personal) } : {}) } };
    }
    default:
      return e;
  }
}

/** Stored event -> domain event: opened with the key, or the erased placeholder once the key is gone. */
export function openExpertEvent(cipher: PersonalDataSeal, e: StoredExpertEvent): ExpertEvent {
  switch (e.type) {
    case 'ExpertJoined': {
      const { personal, ...data } = e.data;
      const opened = personal ? (cipher.open(data.expertId, personal) ?? { name: ERASED_NAME }) : {};
      return { type: e.type, data: { ...data, profile: { ...data.profile, ...opened } as Profile } };
    }
    case 'ExpertProfileUpdated': {
      const { personal, ...data } = e.data;
      const opened = personal ? (cipher.open(data.expertId, personal) ?? {}) : {};
      return { type: e.type, data: { ...data, changes: { ...data.changes, ...opened } } };
    }
    default:
      return e;
  }
}

/** The expert decider over stored events: decide and evolve stay pure; sealing is this adapter's job. */
export const sealedExpertDecider = (cipher: PersonalDataSeal): Decider<Expert, ExpertCommand, StoredExpertEvent> => ({
  initialState,
  decide: (cmd, s) => decide(cmd, s).map((e) => sealExpertEvent(cipher, e)),
  evolve: (s, e) => evolve(s, openExpertEvent(cipher, e)),
});
