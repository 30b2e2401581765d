import { PayloadReader } from '../payload';
import { EventPayloadError, type EventDefinition } from '../registry';
import { anyString, arrayOf, integer, localizedText, object, oneOf, string, stringArray, timestamp } from '../schema/json-schema';

/** Text an enterprise may give in Chinese, English or both. */
export interface LocalizedText {
  en?: string;
  zh?: string;
}

/** v1 (first release) carried a single-language title; v2 made it bilingual. */
export interface DemandPublishedV1 {
  demandId: string;
  organisationId: string;
  title: string;
  domain: string;
  publishedAt: string;
}

export interface DemandPublishedV2 {
  demandId: string;
  organisationId: string;
  title: LocalizedText;
  domain: string;
  keywords: string[];
  publishedAt: string;
}

const CJK = /[\u3400-\u9fff]/;

/** A v1 title is put under the language it is written in; v1 had no keywords. */
export const upcastDemandPublishedV1 = (data: unknown): unknown => {
  const v1 = data as DemandPublishedV1;
  const title: LocalizedText = CJK.test(v1.title) ? { zh: v1.title } : { en: v1.title };
  return { ...v1, title, keywords: [] };
};

export const DEMAND_VISIBILITIES = ['public', 'restricted', 'confidential'] as const;
export type DemandVisibility = (typeof DEMAND_VISIBILITIES)[number];

/** A technical sub-problem of a demand: answerable and matchable on its own. Its id is unique within the demand. */
export interface SubProblemV1 {
  id: string;
  title: LocalizedText;
  capabilities: string[];
}

/**
 * v3 carries what matching ranks on beyond the title: the description, the required capabilities,
 * the sub-problems and the visibility (matching invites only into what the expert may see).
 */
export interface DemandPublishedV3 extends DemandPublishedV2 {
  description: LocalizedText;
  capabilities: string[];
  subProblems: SubProblemV1[];
  visibility: DemandVisibility;
}

/** v2 events predate sub-problems: they announced a public demand with no description or capabilities. */
export const upcastDemandToV3 = (data: unknown): unknown => ({
  description: {},
  capabilities: [],
  subProblems: [],
  visibility: 'public',
  ...(data as Record<string, unknown>),
});

const readText = (type: string, r: PayloadReader, field: string, required: boolean): LocalizedText => {
  const t = r.object(field);
  const en = t.optionalString('en');
  const zh = t.optionalString('zh');
  if (required && en === undefined && zh === undefined) throw new EventPayloadError(type, field, 'must have an "en" or a "zh" text');
  return { ...(en !== undefined ? { en } : {}), ...(zh !== undefined ? { zh } : {}) };
};

const readSubProblems = (type: string, r: PayloadReader): SubProblemV1[] =>
  r.objectArray('subProblems').map((sp) => ({
    id: sp.string('id'),
    title: readText(type, sp, 'title', true),
    capabilities: sp.stringArray('capabilities'),
  }));

/** The fields v3 of DemandPublished and v2 of DemandRevised share: what a demand asks for. */
const readDemandSubject = (type: string, r: PayloadReader) => ({
  title: readText(type, r, 'title', true),
  description: readText(type, r, 'description', false),
  domain: r.string('domain'),
  keywords: r.stringArray('keywords'),
  capabilities: r.stringArray('capabilities'),
  subProblems: readSubProblems(type, r),
  visibility: r.oneOf('visibility', DEMAND_VISIBILITIES),
});

/** The schema twin of readDemandSubject. */
const demandSubjectSchema = {
  title: localizedText(true),
  description: localizedText(false),
  domain: string,
  keywords: stringArray,
  capabilities: stringArray,
  subProblems: arrayOf(object({ id: string, title: localizedText(true), capabilities: stringArray })),
  visibility: oneOf(DEMAND_VISIBILITIES),
};

export const DemandPublished: EventDefinition<DemandPublishedV3> = {
  type: 'DemandPublished',
  version: 3,
  schemas: {
    1: object({ demandId: string, organisationId: string, title: anyString, domain: string, publishedAt: timestamp }),
    2: object({ demandId: string, organisationId: string, title: localizedText(true), domain: string, keywords: stringArray, publishedAt: timestamp }),
    3: object({ demandId: string, organisationId: string, ...demandSubjectSchema, publishedAt: timestamp }),
  },
  upcasters: { 1: upcastDemandPublishedV1, 2: upcastDemandToV3 },
  parse(data) {
    const r = new PayloadReader('DemandPublished', data);
    return {
      demandId: r.string('demandId'),
      organisationId: r.string('organisationId'),
      ...readDemandSubject('DemandPublished', r),
      publishedAt: r.timestamp('publishedAt'),
    };
  },
};

export const DEMAND_OUTCOMES = ['awarded', 'not-awarded'] as const;

/** A published demand changed; `changedFields` names what (consumers re-read the demand if they care). */
export interface DemandRevisedV2 extends DemandRevisedV1 {
  description: LocalizedText;
  capabilities: string[];
  subProblems: SubProblemV1[];
  visibility: DemandVisibility;
}

export interface DemandRevisedV1 {
  demandId: string;
  organisationId: string;
  revision: number;
  changedFields: string[];
  title: LocalizedText;
  domain: string;
  keywords: string[];
  revisedAt: string;
}

export interface DemandClosedV1 {
  demandId: string;
  organisationId: string;
  outcome: (typeof DEMAND_OUTCOMES)[number];
  adoptedProposalIds: string[];
  closedAt: string;
}

export interface DemandExpiredV1 {
  demandId: string;
  organisationId: string;
  expiredAt: string;
}

/** Only published demands are announced as cancelled: nobody outside knew the others. */
export interface DemandCancelledV1 {
  demandId: string;
  organisationId: string;
  reason: string;
  cancelledAt: string;
}

export const DemandRevised: EventDefinition<DemandRevisedV2> = {
  type: 'DemandRevised',
  version: 2,
  schemas: {
    1: object({ demandId: string, organisationId: string, revision: integer({ min: 1 }), changedFields: stringArray, title: localizedText(true), domain: string, keywords: stringArray, revisedAt: timestamp }),
    2: object({ demandId: string, organisationId: string, revision: integer({ min: 1 }), changedFields: stringArray, ...demandSubjectSchema, revisedAt: timestamp }),
  },
  upcasters: { 1: upcastDemandToV3 },
  parse(data) {
    const r = new PayloadReader('DemandRevised', data);
    return {
      demandId: r.string('demandId'),
      organisationId: r.string('organisationId'),
      revision: r.integer('revision', { min: 1 }),
      changedFields: r.stringArray('changedFields'),
      ...readDemandSubject('DemandRevised', r),
      revisedAt: r.timestamp('revisedAt'),
    };
  },
};

export const DemandClosed: EventDefinition<DemandClosedV1> = {
  type: 'DemandClosed',
  version: 1,
  schemas: { 1: object({ demandId: string, organisationId: string, outcome: oneOf(DEMAND_OUTCOMES), adoptedProposalIds: stringArray, closedAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('DemandClosed', data);
    return {
      demandId: r.string('demandId'),
      organisationId: r.string('organisationId'),
      outcome: r.oneOf('outcome', DEMAND_OUTCOMES),
      adoptedProposalIds: r.stringArray('adoptedProposalIds'),
      closedAt: r.timestamp('closedAt'),
    };
  },
};

export const DemandExpired: EventDefinition<DemandExpiredV1> = {
  type: 'DemandExpired',
  version: 1,
  schemas: { 1: object({ demandId: string, organisationId: string, expiredAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('DemandExpired', data);
    return { demandId: r.string('demandId'), organisationId: r.string('organisationId'), expiredAt: r.timestamp('expiredAt') };
  },
};

export const DemandCancelled: EventDefinition<DemandCancelledV1> = {
  type: 'DemandCancelled',
  version: 1,
  schemas: { 1: object({ demandId: string, organisationId: string, reason: string, cancelledAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('DemandCancelled', data);
    return { demandId: r.string('demandId'), organisationId: r.string('organisationId'), reason: r.string('reason'), cancelledAt: r.timestamp('cancelledAt') };
  },
};

/**
 * An invited expert accepted a confidential demand's NDA (a legal record: the seeking organisation and
 * matching may act on it). Each later opening of the confidential details stays in the demand
 * service's audit trail, not on the topic.
 */
export interface NdaAcceptedV1 {
  demandId: string;
  organisationId: string;
  expertId: string;
  /** Which NDA text was accepted. */
  ndaVersion: string;
  acceptedAt: string;
}

export const NdaAccepted: EventDefinition<NdaAcceptedV1> = {
  type: 'NdaAccepted',
  version: 1,
  schemas: { 1: object({ demandId: string, organisationId: string, expertId: string, ndaVersion: string, acceptedAt: timestamp }) },
  parse(data) {
    const r = new PayloadReader('NdaAccepted', data);
    return {
      demandId: r.string('demandId'),
      organisationId: r.string('organisationId'),
      expertId: r.string('expertId'),
      ndaVersion: r.string('ndaVersion'),
      acceptedAt: r.timestamp('acceptedAt'),
    };
  },
};

/** Every event the demand service publishes about demands (proposals have their own list). */
export const DEMAND_EVENTS: readonly EventDefinition<unknown>[] = [
  DemandPublished,
  DemandRevised,
  DemandClosed,
  DemandExpired,
  DemandCancelled,
  NdaAccepted,
] as readonly EventDefinition<unknown>[];
