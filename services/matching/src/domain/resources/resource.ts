import { hasVisibleText } from '@hope/kernel';
import type { LocalizedText } from '@hope/contracts';

/** What the platform's network holds besides experts. */
export const RESOURCE_KINDS = ['technology', 'patent', 'supplier', 'institution', 'lab'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const IP_STATUSES = ['none', 'pending', 'granted', 'licensed'] as const;
export type IpStatus = (typeof IP_STATUSES)[number];

/** Technology readiness level, 1 (basic principles) to 9 (proven in operation). */
export const TRL_MIN = 1;
export const TRL_MAX = 9;

/**
 * What an owner says about a resource. There is no contact field on purpose: enquiries go through the
 * platform (`SendResourceEnquiry`), so no address is ever exposed.
 */
export interface ResourceFields {
  readonly kind: ResourceKind;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly capabilities: readonly string[];
  readonly trl: number;
  readonly ipStatus: IpStatus;
  readonly region: string;
}

const text = (t: LocalizedText): string => `${t.zh ?? ''}\u0000${t.en ?? ''}`;

/** Whether two descriptions say the same (a re-imported row that changed nothing). */
export const sameFields = (a: ResourceFields, b: ResourceFields): boolean =>
  a.kind === b.kind &&
  text(a.title) === text(b.title) &&
  text(a.description) === text(b.description) &&
  a.capabilities.length === b.capabilities.length &&
  a.capabilities.every((c, i) => c === b.capabilities[i]) &&
  a.trl === b.trl &&
  a.ipStatus === b.ipStatus &&
  a.region === b.region;

/** A title in at least one language; the DTOs check shapes, this is the rule a merged revision must keep. */
export const hasTitle = (t: LocalizedText): boolean => hasVisibleText(t.zh) || hasVisibleText(t.en);
