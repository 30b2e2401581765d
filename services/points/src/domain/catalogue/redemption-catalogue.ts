/**
 * What points buy, as data with prices. The price is read from here when an expert redeems and is
 * recorded on the reservation, so a later price change never alters an existing reservation.
 */
export interface CatalogueItem {
  readonly id: string;
  readonly title: string;
  readonly price: number;
  /** Redemptions of this item per expert that may be open or captured at once (released ones don't count). */
  readonly perExpertLimit?: number;
  /** Redemptions of this item open or captured at once, all experts together (quota stream `item-quota-<itemId>`). */
  readonly totalLimit?: number;
  /** ISO instants; outside the window the item cannot be redeemed. */
  readonly availableFrom?: string;
  readonly availableUntil?: string;
}

export interface Catalogue {
  readonly version: number;
  readonly items: readonly CatalogueItem[];
  /** A reservation the fulfilling service neither captures nor releases is released after this. */
  readonly reservationTimeoutMinutes: number;
}

export const DEFAULT_CATALOGUE: Catalogue = {
  version: 1,
  reservationTimeoutMinutes: 24 * 60,
  items: [
    { id: 'publish-need', title: 'Publish a need', price: 100 },
    { id: 'expert-interview', title: 'Expert interview', price: 200 },
    { id: 'matchmaking-meeting-seat', title: 'Matchmaking meeting seat', price: 150 },
    { id: 'technical-seminar-seat', title: 'Technical seminar seat', price: 80 },
    { id: 'innovation-tour', title: 'Innovation tour', price: 500, perExpertLimit: 1 },
  ],
};

export const findItem = (catalogue: Catalogue, itemId: string): CatalogueItem | undefined => catalogue.items.find((i) => i.id === itemId);

export const itemQuotaStream = (itemId: string): string => `item-quota-${itemId}`;
