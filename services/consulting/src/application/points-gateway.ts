import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CLIENT, type ServiceClient } from '@hope/platform';

export interface ReservationAnswer {
  readonly reservationId: string;
  readonly points: number;
  readonly status: string;
}

/**
 * The points service's redemption API (services/points/src/http/redemptions): reserve on behalf of an
 * expert, capture, release. Every call carries the saga's idempotency key.
 */
@Injectable()
export class PointsGateway {
  constructor(@Inject(SERVICE_CLIENT) private readonly client: ServiceClient) {}

  reserve(payerId: string, itemId: string, key: string): Promise<ReservationAnswer> {
    return this.client.call<ReservationAnswer>('points', { method: 'POST', path: `/accounts/${encodeURIComponent(payerId)}/redemptions`, body: { itemId }, idempotencyKey: key });
  }

  capture(payerId: string, reservationId: string, key: string): Promise<ReservationAnswer> {
    return this.client.call<ReservationAnswer>('points', { method: 'POST', path: `/accounts/${encodeURIComponent(payerId)}/redemptions/${reservationId}/capture`, body: {}, idempotencyKey: key });
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
