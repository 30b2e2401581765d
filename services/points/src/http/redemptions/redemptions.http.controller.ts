import { Body, Controller, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { AggregateHandlers, CLOCK, CurrentPrincipal, IDEMPOTENCY_HEADER, IDS, Idempotent, Roles, type Clock, type IdSource, type Principal } from '@hope/platform';
import { captureReservation, type CaptureReservationDeps } from '../../application/capture-reservation.use-case';
import { MAX_HOLD_DAYS, redeemPoints, type RedeemPointsDeps } from '../../application/redeem-points.use-case';
import { releaseReservation, type ReleaseReservationDeps } from '../../application/release-reservation.use-case';
import { accounts } from '../../domain/account/account.aggregate';
import { DEFAULT_CATALOGUE } from '../../domain/catalogue/redemption-catalogue';
import { itemQuotas } from '../../domain/quota/quota.aggregate';
import { RulebookQueries } from '../../projections/rulebook/rulebook.queries';
import { EXPERT_ID_PATTERN, ExpertIdParam } from '../account-access';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { CapturedReservationView, ReservationView, ReleasedReservationView } from './redemptions.response.dto';
import { ApiProblems } from '@hope/platform';

export class RedeemRequest {
  @ApiProperty({ enum: DEFAULT_CATALOGUE.items.map((i) => i.id) })
  @IsString()
  @MaxLength(64)
  itemId!: string;

  @ApiPropertyOptional({ description: `Keep the reservation until this instant (ISO, in the future, at most ${MAX_HOLD_DAYS} days ahead) instead of the catalogue's timeout: a booking made weeks ahead.` })
  @IsOptional()
  @IsISO8601({ strict: true })
  holdUntil?: string;
}

export class CaptureRequest {
  @ApiPropertyOptional({ description: 'Capture only this many of the reserved points (1..reserved) and release the rest; default: all.', minimum: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  points?: number;
}

export class ReleaseRequest {
  @ApiPropertyOptional({ enum: ['fulfilment-failed', 'cancelled'], default: 'fulfilment-failed' })
  @IsOptional()
  @IsIn(['fulfilment-failed', 'cancelled'])
  reason?: 'fulfilment-failed' | 'cancelled';
}

export class ReservationParams {
  @ApiProperty()
  @Matches(EXPERT_ID_PATTERN, { message: 'must be an expert id (letters, digits, _ . : -, at most 64)' })
  expertId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  reservationId!: string;
}

const HELD_BY_SERVICE =
  'Reservation 7c9e6679-7425-40de-944b-e07fc1f90ae7 is held by consulting, which pays with it for an interview, a meeting seat or a need: only consulting or an operator may capture or release it; cancel the interview / seat / need through consulting instead';

/**
 * Spending is a saga step: the expert (or a service on their behalf) reserves; the fulfilling service
 * captures when the interview / seat / publication happened, or releases; a job releases what nobody
 * captured before the timeout. The steps live in application/ (redeem, capture, release use cases).
 */
@ApiTags('redemptions')
@ApiBearerAuth()
@Controller('accounts/:expertId/redemptions')
export class RedemptionsHttpController {
  private readonly deps: RedeemPointsDeps & CaptureReservationDeps & ReleaseReservationDeps;

  constructor(aggregates: AggregateHandlers, rules: RulebookQueries, @Inject(CLOCK) clock: Clock, @Inject(IDS) ids: IdSource) {
    this.deps = { accounts: aggregates.for(accounts), itemQuotas: aggregates.for(itemQuotas), rules, clock, newId: () => ids.next() };
  }

  @Post()
  @HttpCode(201)
  @Roles('expert', 'enterprise', 'service')
  @Idempotent()
  @ApiOperation({ summary: 'Redeem points for a catalogue item: reserves its price (oldest lots first) until captured or released.' })
  @ApiCreatedResponse({ type: ReservationView })
  @ApiProblems({ status: 422, code: 'POINTS.INSUFFICIENT', detail: 'Not enough points: 120 available, 200 needed' }, { status: 422, code: 'POINTS.DEBT_OUTSTANDING', detail: 'Spending is blocked until a debt of 40 points is repaid' }, { status: 422, code: 'POINTS.ITEM_UNAVAILABLE' }, { status: 422, code: 'POINTS.QUOTA_EXHAUSTED' }, { status: 400, code: 'POINTS.UNKNOWN_ITEM' }, { status: 400, code: 'POINTS.INVALID_HOLD', detail: 'holdUntil must be in the future', fields: [{ field: 'holdUntil', reason: 'must be in the future' }] }, { status: 403, code: 'POINTS.NOT_YOUR_ACCOUNT', detail: 'An expert may only use their own account' })
  redeem(@Param() { expertId }: ExpertIdParam, @Body() body: RedeemRequest, @CurrentPrincipal() who: Principal, @Headers(IDEMPOTENCY_HEADER) key?: string) {
    return redeemPoints(this.deps, { who, expertId, itemId: body.itemId, ...(body.holdUntil !== undefined ? { holdUntil: body.holdUntil } : {}), ...(key !== undefined ? { idempotencyKey: key } : {}) });
  }

  @Post(':reservationId/capture')
  @HttpCode(200)
  @Roles('service', 'operator')
  @ApiOperation({ summary: 'The fulfilling service confirms: the reserved points (or `points` of them, the rest released) are spent. Repeating it is a no-op.' })
  @ApiOkResponse({ type: CapturedReservationView })
  @ApiProblems({ status: 404, code: 'POINTS.RESERVATION_NOT_FOUND' }, { status: 409, code: 'POINTS.RESERVATION_RELEASED', detail: 'The reservation was released' }, { status: 400, code: 'POINTS.INVALID_CAPTURE' }, { status: 403, code: 'POINTS.RESERVATION_HELD_BY_SERVICE', detail: HELD_BY_SERVICE })
  capture(@Param() p: ReservationParams, @Body() body: CaptureRequest, @CurrentPrincipal() who: Principal) {
    const points = body?.points;
    return captureReservation(this.deps, { who, expertId: p.expertId, reservationId: p.reservationId, ...(points !== undefined ? { points } : {}) });
  }

  @Post(':reservationId/release')
  @HttpCode(200)
  @Roles('service', 'operator', 'expert', 'enterprise')
  @ApiOperation({ summary: 'Give the reserved points back (fulfilment failed, or the expert cancelled). Repeating it is a no-op.' })
  @ApiOkResponse({ type: ReleasedReservationView })
  @ApiProblems({ status: 404, code: 'POINTS.RESERVATION_NOT_FOUND' }, { status: 409, code: 'POINTS.RESERVATION_CAPTURED', detail: 'The reservation was captured' }, { status: 403, code: 'POINTS.RESERVATION_HELD_BY_SERVICE', detail: HELD_BY_SERVICE }, { status: 403, code: 'POINTS.NOT_YOUR_ACCOUNT', detail: 'An expert may only use their own account' })
  release(@Param() p: ReservationParams, @Body() body: ReleaseRequest, @CurrentPrincipal() who: Principal) {
    return releaseReservation(this.deps, { who, expertId: p.expertId, reservationId: p.reservationId, ...(body?.reason !== undefined ? { reason: body.reason } : {}) });
  }
}
