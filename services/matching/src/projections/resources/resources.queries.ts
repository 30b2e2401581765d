import type { LocalizedText } from '@hope/contracts';
import type { IpStatus, ResourceKind } from '../../domain/resources/resource';

export interface ResourceView {
  resourceId: string;
  ownerOrganisationId: string;
  kind: ResourceKind;
  title: LocalizedText;
  description: LocalizedText;
  capabilities: string[];
  trl: number;
  ipStatus: IpStatus;
  region: string;
  status: 'active' | 'withdrawn';
  /** The owner's key of an imported resource (its row id in the import files). */
  externalKey?: string;
  registeredAt: string;
  updatedAt: string;
}

export interface ResourceSearch {
  ownerOrganisationId?: string;
  kind?: ResourceKind;
  region?: string;
  minTrl?: number;
  /** Withdrawn resources are listed only when asked for. */
  status?: 'active' | 'withdrawn';
  /** Text contained in the title, description or capabilities. */
  q?: string;
  cursor?: string;
  limit: number;
}

export interface EnquiryView {
  enquiryId: string;
  resourceId: string;
  from: { subject: string; role: string; organisationId?: string };
  message: string;
  sentAt: string;
}

/** What the resources read model answers; paging is by resource id (a cursor, stable under inserts). */
export abstract class ResourceQueries {
  abstract resource(resourceId: string): ResourceView | undefined;
  abstract resources(resourceIds: readonly string[]): Map<string, ResourceView>;
  abstract search(s: ResourceSearch): { items: ResourceView[]; nextCursor?: string };
  abstract enquiries(resourceId: string): EnquiryView[];
  /** Resources whose row changed after `seq`, in change order, at most `limit`: feeds the resource index. */
  abstract changedSince(seq: number, limit: number): { resources: ResourceView[]; seq: number };
  abstract maxSeq(): number;
}
