import { Body, Controller, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { deterministicUuid, type ProjectionRunner } from '@hope/eventstore';
import { CLOCK, CurrentPrincipal, IDEMPOTENCY_HEADER, IDS, Idempotent, PROJECTIONS, Roles, ValidationError, type Clock, type IdSource, type Principal } from '@hope/platform';
import { AccountCommands } from '../../application/account-commands';
import { RULE_BOOK, type RuleBook } from '../../application/rule-book';
import { QuotaCommands } from '../../application/quota-commands';
import { ItemUnavailable } from '../../domain/account/account.errors';
import { DEFAULT_CATALOGUE, findItem, itemQuotaStream } from '../../domain/catalogue/redemption-catalogue';
import { availablePoints, pendingPoints, reservedPoints, type Account } from '../../domain/account/account.state';
import { assertOwnAccount, EXPERT_ID_PATTERN, ExpertIdParam } from '../account-access';
import { reservationRecorded } from '../../projections/ledger/ledger.projection';

const MAX_HOLD_DAYS = 180;

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

/** When an open reservation lapses: the caller's hold (validated) or the catalogue's timeout. */
function timeoutOf(holdUntil: string | undefined, now: Date, timeoutMinutes: number): Date {
  if (holdUntil === undefined) return new Date(now.getTime() + timeoutMinutes * 60_000);
  const until = new Date(holdUntil);
  const reason = until.getTime() <= now.getTime() ? 'must be in the future' : until.getTime() > now.getTime() + MAX_HOLD_DAYS * 86_400_000 ? `must be at most ${MAX_HOLD_DAYS} days ahead` : undefined;
  if (reason) throw new ValidationError('POINTS.INVALID_HOLD', `holdUntil ${reason}`, [{ field: 'holdUntil', reason }]);
  return until;
}

const balanceOf = (s: Account) => ({ available: Math.max(0, availablePoints(s)), pending: pendingPoints(s), reserved: reservedPoints(s) });

/**
 * Spending is a saga step: the expert (or a service on their behalf) reserves; the fulfilling service
 * captures when the interview / seat / publication happened, or releases; a job releases what nobody
 * captured before the timeout.
 */
@ApiTags('redemptions')
@ApiBearerAuth()
@Controller('accounts/:expertId/redemptions')
export class RedemptionsHttpController {
  constructor(
    private readonly commands: AccountCommands,
    private readonly quotas: QuotaCommands,
    @Inject(RULE_BOOK) private readonly rules: RuleBook,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDS) private readonly ids: IdSource,
    @Inject(PROJECTIONS) private readonly projections: ProjectionRunner,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('expert', 'enterprise', 'service')
  @Idempotent()
  @ApiOperation({ summary: 'Redeem points for a catalogue item: reserves its price (oldest lots first) until captured or released.' })
  async redeem(@Param() { expertId }: ExpertIdParam, @Body() body: RedeemRequest, @CurrentPrincipal() who: Principal, @Headers(IDEMPOTENCY_HEADER) key?: string) {
    assertOwnAccount(who, expertId);
    const catalogue = this.rules.catalogue();
    const item = findItem(catalogue, body.itemId);
    if (!item) throw new ValidationError('POINTS.UNKNOWN_ITEM', `No catalogue item ${body.itemId}`, [{ field: 'itemId', reason: `must be one of ${catalogue.items.map((i) => i.id).join(', ')}` }]);
    // With a key, the reservation id follows from it: even a retry after the key's record expired reserves nothing twice.
    const reservationId = key ? deterministicUuid('points.redemption', who.subject, expertId, key) : this.ids.next();
    const now = this.clock.now();
    // A retry of a reservation already made answers it as it is: its hold was checked when it was made and may have passed since.
    const retried = key !== undefined && reservationRecorded(this.projections.db, expertId, reservationId);
    const timeoutAt = timeoutOf(retried ? undefined : body.holdUntil, now, catalogue.reservationTimeoutMinutes);
    // An item with a total limit takes a slot of its quota first (claim id = reservation id: a retry takes none more).
    const quota = item.totalLimit !== undefined ? itemQuotaStream(item.id) : undefined;
    if (quota && !(await this.quotas.claim(quota, reservationId, 1, item.totalLimit ?? 0, now))) throw new ItemUnavailable(item.id, `all ${item.totalLimit} have been redeemed`);
    try {
      const result = await this.commands.runAndWait(
        { type: 'ReservePoints', data: { expertId, reservationId, item, timeoutAt, requestedBy: who.subject }, metadata: { now } },
        { commandId: reservationId, handler: 'points.reserve' },
      );
      const r = result.state.reservations.get(reservationId)!;
      return { reservationId, itemId: item.id, points: r.points, status: r.status, timeoutAt: r.timeoutAt, balance: balanceOf(result.state) };
    } catch (error) {
      if (quota) await this.quotas.release(quota, reservationId, now);
      throw error;
    }
  }

  @Post(':reservationId/capture')
  @HttpCode(200)
  @Roles('service', 'operator')
  @ApiOperation({ summary: 'The fulfilling service confirms: the reserved points (or `points` of them, the rest released) are spent. Repeating it is a no-op.' })
  async capture(@Param() p: ReservationParams, @Body() body: CaptureRequest, @CurrentPrincipal() who: Principal) {
    const points = body?.points;
    const result = await this.commands.runAndWait(
      { type: 'CaptureReservation', data: { expertId: p.expertId, reservationId: p.reservationId, by: who.subject, ...(points !== undefined ? { points } : {}) }, metadata: { now: this.clock.now() } },
      { commandId: p.reservationId, handler: 'points.capture' },
    );
    const r = result.state.reservations.get(p.reservationId)!;
    const captured = r.captured ?? r.points;
    return { reservationId: p.reservationId, status: r.status, captured, released: r.points - captured, balance: balanceOf(result.state) };
  }

  @Post(':reservationId/release')
  @HttpCode(200)
  @Roles('service', 'operator', 'expert', 'enterprise')
  @ApiOperation({ summary: 'Give the reserved points back (fulfilment failed, or the expert cancelled). Repeating it is a no-op.' })
  async release(@Param() p: ReservationParams, @Body() body: ReleaseRequest, @CurrentPrincipal() who: Principal) {
    assertOwnAccount(who, p.expertId);
    const reason = who.role === 'expert' || who.role === 'enterprise' ? 'cancelled' : (body.reason ?? 'fulfilment-failed');
    const result = await this.commands.runAndWait(
      { type: 'ReleaseReservation', data: { expertId: p.expertId, reservationId: p.reservationId, reason, by: who.subject }, metadata: { now: this.clock.now() } },
      { commandId: p.reservationId, handler: 'points.release' },
    );
    await this.quotas.release(itemQuotaStream(result.state.reservations.get(p.reservationId)!.itemId), p.reservationId, this.clock.now());
    return { reservationId: p.reservationId, status: result.state.reservations.get(p.reservationId)!.status, balance: balanceOf(result.state) };
  }
}
