import type {
  CatalogueChangedV1,
  PointsAdjustedV1,
  PointsEarnedV1,
  PointsExpiredV1,
  PointsReservedV1,
  PointsReversedV1,
  PointsUnlockedV1,
  ReservationCapturedV1,
  ReservationReleasedV1,
  RulesChangedV1,
  TierChangedV1,
} from '@hope/contracts';
import type { ContractMapper, PublishedContract } from '@hope/messaging';
import type { AccountEvent } from './domain/account/account.events';
import type { RulebookEvent } from './domain/rulebook/rulebook.decide';

type DataOf<T extends (AccountEvent | RulebookEvent)['type']> = Extract<AccountEvent | RulebookEvent, { type: T }>['data'];

/**
 * Domain event -> contract v1, per published type. Today each contract carries the domain event's
 * payload as recorded (arrays copied only to shed `readonly`; keys keep their order, so the published
 * JSON is byte for byte what was stored). The compiler checks each domain payload still fits its
 * contract; a mapping goes here the day one of them changes.
 */
const V1 = {
  PointsEarned: (d: DataOf<'PointsEarned'>): PointsEarnedV1 => ({ ...d }),
  PointsUnlocked: (d: DataOf<'PointsUnlocked'>): PointsUnlockedV1 => ({ ...d, lots: [...d.lots] }),
  PointsReversed: (d: DataOf<'PointsReversed'>): PointsReversedV1 => ({ ...d, lots: [...d.lots] }),
  PointsReserved: (d: DataOf<'PointsReserved'>): PointsReservedV1 => ({ ...d, lots: [...d.lots] }),
  ReservationCaptured: (d: DataOf<'ReservationCaptured'>): ReservationCapturedV1 => ({ ...d }),
  ReservationReleased: (d: DataOf<'ReservationReleased'>): ReservationReleasedV1 => ({ ...d, lots: [...d.lots] }),
  PointsExpired: (d: DataOf<'PointsExpired'>): PointsExpiredV1 => ({ ...d, lots: [...d.lots] }),
  PointsAdjusted: (d: DataOf<'PointsAdjusted'>): PointsAdjustedV1 => ({ ...d, lots: [...d.lots] }),
  TierChanged: (d: DataOf<'TierChanged'>): TierChangedV1 => ({ ...d }),
  RulesChanged: (d: DataOf<'RulesChanged'>): RulesChangedV1 => ({ ...d, rules: d.rules.map((r) => ({ ...r })) }),
  CatalogueChanged: (d: DataOf<'CatalogueChanged'>): CatalogueChangedV1 => ({ ...d, items: [...d.items] }),
} as const;

const isPublished = (type: string): type is keyof typeof V1 => Object.prototype.hasOwnProperty.call(V1, type);

/**
 * The account's movements and the operators' rule and catalogue changes, at contract v1.
 * EarningDeclined and the quota and source streams' events stay inside: no other service has a use
 * for them, and the registry does not know them.
 */
export const pointsContracts: ContractMapper = (e): PublishedContract | undefined => {
  if (!isPublished(e.type)) return undefined;
  const toContract = V1[e.type] as (data: unknown) => unknown;
  return { type: e.type, version: 1, data: toContract(e.data) };
};
