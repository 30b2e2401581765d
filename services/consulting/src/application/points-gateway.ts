import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CLIENT, type ServiceClient } from '@hope/platform';

export interface ReservationAnswer {
  readonly reservationId: string;
  readonly points: number;
  readonly status: string;
  /** On capture: spent, and given back by a partial capture. */
  readonly captured?: number;
  readonly released?: number;
}

/**
 * The points service's redemption API (services/points/src/http/redemptions): reserve on behalf of an
 * expert or an organisation (`org:<organisationId>`), capture (all or part), release. Every call carries the saga's idempotency key.
 */
@Injectable()
export class PointsGateway {
  constructor(@Inject(SERVICE_CLIENT) private readonly client: ServiceClient) {}

  /** `holdUntil`: points keeps the reservation until then instead of its catalogue timeout. */
  reserve(payerId: string, itemId: string, key: string, holdUntil?: string): Promise<ReservationAnswer> {
    return this.client.call<ReservationAnswer>('points', {
      method: 'POST',
      path: `/accounts/${encodeURIComponent(payerId)}/redemptions`,
      body: { itemId, ...(holdUntil ? { holdUntil } : {}) },
      idempotencyKey: key,
    });
  }

  /** `points`: capture that many and release the rest in one decision; absent: all. */
  capture(payerId: string, reservationId: string, key: string, points?: number): Promise<ReservationAnswer> {
    return this.client.call<ReservationAnswer>('points', {
      method: 'POST',
      path: `/accounts/${encodeURIComponent(payerId)}/redemptions/${reservationId}/capture`,
      body: points !== undefined ? { points } : {},
      idempotencyKey: key,
    });
  }

  /** A payment refused after delivery: the price becomes the payer's debt (idempotent by `debtId` at points). */
  recordDebt(payerId: string, debt: { debtId: string; points: number; reason: string }, key: string): Promise<{ debtId: string; debt: number }> {
    return this.client.call('points', { method: 'POST', path: `/accounts/${encodeURIComponent(payerId)}/debts`, body: debt, idempotencyKey: key });
  }

  release(payerId: string, reservationId: string, key: string): Promise<ReservationAnswer> {
    return this.client.call<ReservationAnswer>('points', {
      method: 'POST',
      path: `/accounts/${encodeURIComponent(payerId)}/redemptions/${reservationId}/release`,
      body: { reason: 'cancelled' },
      idempotencyKey: key,
    });
  }
}
