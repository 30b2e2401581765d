import { PayloadReader } from '../payload';
import { EventPayloadError, type EventDefinition } from '../registry';

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

export const DemandPublished: EventDefinition<DemandPublishedV2> = {
  type: 'DemandPublished',
  version: 2,
  upcasters: { 1: upcastDemandPublishedV1 },
  parse(data) {
    const r = new PayloadReader('DemandPublished', data);
    const t = r.object('title');
    const en = t.optionalString('en');
    const zh = t.optionalString('zh');
    if (en === undefined && zh === undefined) {
      throw new EventPayloadError('DemandPublished', 'title', 'must have an "en" or a "zh" text');
    }
    return {
      demandId: r.string('demandId'),
      organisationId: r.string('organisationId'),
      title: { ...(en !== undefined ? { en } : {}), ...(zh !== undefined ? { zh } : {}) },
      domain: r.string('domain'),
      keywords: r.stringArray('keywords'),
      publishedAt: r.timestamp('publishedAt'),
    };
  },
};
