import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@hope/eventstore';
import { applyMovement, emptyBalance, type Balance } from '../../domain/account/account.balance';
import { ACCOUNT_STREAM_PREFIX, type AccountEvent } from '../../domain/account/account.events';
import { prepared } from '../prepared';
import { keysText, LOT_COLUMNS, newLot, type LotRow } from './lot-balances';

/**
 * The balance projection over a batch, folded in memory: each touched row is read once and written
 * once per batch instead of once per event. It covers what almost every event needs (balance, lots,
 * the jobs' marks on lots, reservations, earnings of untiered accounts); an event that needs more (a debt to repay
 * from the oldest lots, a tiered account's window, a tier or rule change) flushes what is folded so far
 * and goes through `apply` on the tables, so both paths always see the same rows.
 * `balance.batch.properties.unit.spec.ts` holds the rows to those of `apply` one event at a time.
 */

type FoldedBalance = Balance & { updated_at: string };
/** A row of a table nobody reads while applying: its last state in the batch, `null` = deleted. */
type Put = readonly string[] | null;

const BALANCE_COLUMNS = ['earned', 'pending', 'available', 'reserved', 'spent', 'expired', 'reversed', 'adjusted'] as const;
const key = (...parts: string[]) => parts.join('\u0000');

export type ApplyOne = (db: Database.Database, event: RecordedEvent) => void;

export class BalanceBatch {
  private readonly balances = new Map<string, FoldedBalance | undefined>();
  private readonly dirtyBalances = new Set<string>();
  private readonly lots = new Map<string, LotRow | undefined>();
  private readonly dirtyLots = new Set<string>();
  /** Per account, the ids of its lots in `lots` (a reversal un-counts the earnings it retracts among them). */
  private readonly lotsOf = new Map<string, Set<string>>();
  private readonly debts = new Map<string, number>();
  private readonly tiered = new Map<string, boolean>();
  private readonly reservations = new Map<string, Put>();

  constructor(
    private readonly db: Database.Database,
    private readonly applyOne: ApplyOne,
  ) {}

  apply(events: readonly RecordedEvent[]): void {
    this.prefetch(events);
    for (const recorded of events) {
      if (!this.applyInMemory(recorded)) {
        this.flush();
        this.applyOne(this.db, recorded);
      }
    }
    this.flush();
  }

  /** The batch's accounts' balance, debt and tier, each table in one query rather than one per account. */
  private prefetch(events: readonly RecordedEvent[]): void {
    const ids = [...new Set(events.filter((e) => e.stream.startsWith(ACCOUNT_STREAM_PREFIX)).map((e) => e.stream.slice(ACCOUNT_STREAM_PREFIX.length)))];
    if (ids.length === 0) return;
    const json = JSON.stringify(ids);
    const inBatch = 'expert_id IN (SELECT value FROM json_each(?))';
    for (const x of ids) {
      this.balances.set(x, undefined);
      this.debts.set(x, 0);
      this.tiered.set(x, false);
    }
    for (const row of prepared<[string], FoldedBalance & { expert_id: string }>(this.db, `SELECT expert_id, ${BALANCE_COLUMNS.join(', ')}, updated_at FROM points_balances WHERE ${inBatch}`).all(json)) {
      const { expert_id, ...balance } = row;
      this.balances.set(expert_id, balance);
    }
    for (const row of prepared<[string], { expert_id: string; debt: number }>(this.db, `SELECT expert_id, debt FROM points_debts WHERE ${inBatch}`).all(json)) this.debts.set(row.expert_id, row.debt);
    for (const row of prepared<[string], { expert_id: string }>(this.db, `SELECT expert_id FROM points_tiers WHERE ${inBatch}`).all(json)) this.tiered.set(row.expert_id, true);
  }

  /** False when the event needs the tables as they are (see the class comment). */
  private applyInMemory(recorded: RecordedEvent): boolean {
    if (!recorded.stream.startsWith(ACCOUNT_STREAM_PREFIX)) return false;
    const x = recorded.stream.slice(ACCOUNT_STREAM_PREFIX.length);
    const event = { type: recorded.type, data: recorded.data } as AccountEvent;
    // settle(added) repays debt from the lots only when debt + added is not 0.
    const debtFree = (added = 0) => this.debt(x) + added === 0;
    switch (event.type) {
      case 'PointsEarned':
      case 'PointsReversed':
        if (this.isTiered(x) || !debtFree(event.type === 'PointsReversed' ? event.data.debt : 0)) return false;
        break;
      case 'PointsUnlocked':
      case 'ReservationReleased':
        if (!debtFree()) return false;
        break;
      case 'PointsAdjusted':
        if (!debtFree(event.data.points > 0 ? 0 : event.data.debt)) return false;
        break;
      case 'PointsReserved':
      case 'ReservationCaptured':
      case 'PointsExpired':
      case 'EarningDeclined':
        break;
      default:
        return false;
    }
    this.setBalance(x, applyMovement(this.balance(x), event), recorded.recordedAt.toISOString());
    this.trackWork(x, event);
    this.trackLots(x, event);
    this.trackEarnings(x, event);
    return true;
  }

  /** balance.projection.ts `trackWork`: the reservations still open. */
  private trackWork(x: string, event: AccountEvent): void {
    switch (event.type) {
      case 'PointsReserved':
        this.reservations.set(key(x, event.data.reservationId), [x, event.data.reservationId, event.data.timeoutAt]);
        return;
      case 'ReservationCaptured':
      case 'ReservationReleased':
        this.reservations.set(key(x, event.data.reservationId), null);
        return;
      default:
        return;
    }
  }

  /** lot-balances.ts `trackLots`, for an account without debt (settling is then a no-op). */
  private trackLots(x: string, event: AccountEvent): void {
    const move = (moves: readonly { lotId: string; points: number }[], sign: 1 | -1) => {
      for (const m of moves) this.updateLot(x, m.lotId, (l) => (l.remaining += sign * m.points));
    };
    const unlist = (lots: readonly { lotId: string; pending: boolean }[], expiry: boolean) => {
      for (const l of lots) {
        if (l.pending) this.updateLot(x, l.lotId, (lot) => (lot.available_at = null));
        if (expiry) this.updateLot(x, l.lotId, (lot) => (lot.expiry_listed = 0));
      }
    };
    switch (event.type) {
      case 'PointsEarned':
      case 'PointsAdjusted': {
        const added = newLot(event);
        if (added) return this.putLot(x, added.lotId, added.lot);
        return move(event.type === 'PointsAdjusted' ? event.data.lots : [], -1);
      }
      case 'PointsUnlocked':
        unlist(event.data.lots, false);
        for (const l of event.data.lots) this.updateLot(x, l.lotId, (lot) => (lot.pending = 0));
        return;
      case 'PointsReversed':
        unlist(event.data.lots, true);
        return move(event.data.lots, -1);
      case 'PointsExpired':
        unlist(event.data.lots, true);
        return move(event.data.lots, -1);
      case 'PointsReserved':
        return move(event.data.lots, -1);
      case 'ReservationReleased':
        return move(event.data.lots, 1);
      default:
        return;
    }
  }

  /** account-tiers.ts `trackTier` for an untiered account: a reversal un-counts the earnings it retracts. */
  private trackEarnings(x: string, event: AccountEvent): void {
    if (event.type !== 'PointsReversed') return;
    const k = keysText([event.data.retracted]);
    // The table's rows, then the batch's (a row read into the batch before is written back from it).
    prepared(this.db, 'UPDATE points_lots SET tier_points = NULL, retract_keys = NULL WHERE expert_id = ? AND instr(retract_keys, ?) > 0').run(x, k);
    for (const lotId of this.lotsOf.get(x) ?? []) {
      const lot = this.lots.get(key(x, lotId));
      if (lot?.retract_keys?.includes(k)) {
        lot.tier_points = null;
        lot.retract_keys = null;
        this.dirtyLots.add(key(x, lotId));
      }
    }
  }

  private balance(x: string): Balance {
    if (!this.balances.has(x)) this.balances.set(x, prepared<[string], FoldedBalance>(this.db, `SELECT ${BALANCE_COLUMNS.join(', ')}, updated_at FROM points_balances WHERE expert_id = ?`).get(x));
    return this.balances.get(x) ?? emptyBalance;
  }

  private setBalance(x: string, b: Balance, at: string): void {
    this.balances.set(x, { ...b, updated_at: at });
    this.dirtyBalances.add(x);
  }

  private debt(x: string): number {
    let d = this.debts.get(x);
    if (d === undefined) this.debts.set(x, (d = prepared<[string], { debt: number }>(this.db, 'SELECT debt FROM points_debts WHERE expert_id = ?').get(x)?.debt ?? 0));
    return d;
  }

  private isTiered(x: string): boolean {
    let t = this.tiered.get(x);
    if (t === undefined) this.tiered.set(x, (t = prepared(this.db, 'SELECT 1 FROM points_tiers WHERE expert_id = ?').get(x) !== undefined));
    return t;
  }

  private putLot(x: string, lotId: string, lot: LotRow): void {
    this.lots.set(key(x, lotId), lot);
    this.dirtyLots.add(key(x, lotId));
    this.remember(x, lotId);
  }

  private remember(x: string, lotId: string): void {
    let ids = this.lotsOf.get(x);
    if (!ids) this.lotsOf.set(x, (ids = new Set()));
    ids.add(lotId);
  }

  /** An UPDATE of a lot that does not exist changes nothing, as in SQL. */
  private updateLot(x: string, lotId: string, change: (lot: LotRow) => void): void {
    const k = key(x, lotId);
    if (!this.lots.has(k)) {
      const row = prepared<[string, string], LotRow>(this.db, `SELECT ${LOT_COLUMNS.join(', ')} FROM points_lots WHERE expert_id = ? AND lot_id = ?`).get(x, lotId);
      this.lots.set(k, row);
      if (row) this.remember(x, lotId);
    }
    const lot = this.lots.get(k);
    if (!lot) return;
    change(lot);
    this.dirtyLots.add(k);
  }

  /** Writes what the batch folded so far and forgets every cached row (the tables are the truth again). */
  private flush(): void {
    const db = this.db;
    const upsertBalance = prepared(
      db,
      `INSERT INTO points_balances (expert_id, ${BALANCE_COLUMNS.join(', ')}, updated_at) VALUES (?, ${BALANCE_COLUMNS.map(() => '?').join(', ')}, ?)
       ON CONFLICT(expert_id) DO UPDATE SET ${BALANCE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at`,
    );
    for (const x of this.dirtyBalances) {
      const b = this.balances.get(x)!;
      upsertBalance.run(x, b.earned, b.pending, b.available, b.reserved, b.spent, b.expired, b.reversed, b.adjusted, b.updated_at);
    }
    const putLot = prepared(db, `INSERT OR REPLACE INTO points_lots VALUES (?, ?, ${LOT_COLUMNS.map(() => '?').join(', ')})`);
    for (const k of this.dirtyLots) {
      const [x, lotId] = k.split('\u0000') as [string, string];
      const l = this.lots.get(k)!;
      putLot.run(x, lotId, l.remaining, l.pending, l.earned_at, l.expires_at, l.available_at, l.expiry_listed, l.tier_points, l.retract_keys);
    }
    this.flushPuts(this.reservations, 'points_open_reservations', 'reservation_id');
    for (const m of [this.balances, this.lots, this.lotsOf, this.debts, this.tiered, this.reservations]) m.clear();
    this.dirtyBalances.clear();
    this.dirtyLots.clear();
  }

  /** Tables keyed (expert_id, <id>) with three columns, only written while applying. */
  private flushPuts(puts: Map<string, Put>, table: string, idColumn: string): void {
    if (puts.size === 0) return;
    const put = prepared(this.db, `INSERT OR REPLACE INTO ${table} VALUES (?, ?, ?)`);
    const drop = prepared(this.db, `DELETE FROM ${table} WHERE expert_id = ? AND ${idColumn} = ?`);
    for (const [k, row] of puts) {
      if (row) put.run(...row);
      else drop.run(...(k.split('\u0000') as [string, string]));
    }
  }
}
