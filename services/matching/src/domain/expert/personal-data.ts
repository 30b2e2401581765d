import type { Profile, ProfileChanges } from './profile';

/**
 * The profile fields that identify a person. They are recorded only sealed (encrypted with the
 * expert's own key, kept outside the events), so deleting the key forgets them while the events stay
 * immutable. The rest of the profile (expertise, skills, domains, region, languages, availability...)
 * describes competence, not the person, and stays readable for ranking and search; it is blanked from
 * the read models when the expert is forgotten.
 */
export const PERSONAL_FIELDS = ['name', 'email', 'bio', 'employers', 'publications', 'rate'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
export type PersonalData = Partial<Pick<Profile, PersonalField>>;

/** An AES-256-GCM ciphertext of a JSON value (base64 parts); the expert id is its associated data. */
export interface Sealed {
  readonly alg: 'A256GCM';
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

/** What the read side shows in place of the personal fields once they can no longer be opened. */
export const ERASED_NAME = '(erased)';

export function splitPersonal(changes: ProfileChanges): { personal: PersonalData; rest: Omit<ProfileChanges, PersonalField> } {
  const personal: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) continue;
    ((PERSONAL_FIELDS as readonly string[]).includes(k) ? personal : rest)[k] = v;
  }
  return { personal: personal as PersonalData, rest: rest as Omit<ProfileChanges, PersonalField> };
}

/**
 * Seals and opens an expert's personal fields with their own key. The keys and the cryptography are
 * the application's (`PersonalDataCipher`); the domain only says which fields travel sealed.
 */
export interface PersonalDataSeal {
  seal(expertId: string, personal: PersonalData): Sealed;
  /** The personal fields, or undefined once the key is gone (the expert was forgotten). */
  open(expertId: string, sealed: Sealed): PersonalData | undefined;
}
