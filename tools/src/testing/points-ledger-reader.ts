import type { Caller, DevTokens } from './dev-tokens';
import { callService } from './http-caller';

export interface LedgerItem {
  readonly eventId: string;
  readonly type: string;
  readonly points?: number;
  readonly ruleId?: string;
  readonly sourceEventId?: string;
  readonly reservationId?: string;
}

export interface PointsAccount {
  readonly available: number;
  readonly pending: number;
  readonly reserved: number;
  readonly lifetimeEarned: number;
  readonly lifetimeSpent: number;
  readonly reversed: number;
  readonly adjusted: number;
  readonly debt: number;
}

/** `GET /accounts/{id}` on a points replica; throws unless 200, so `eventually` keeps polling. */
export async function readAccount(tokens: DevTokens, url: string, expertId: string, who: Caller): Promise<PointsAccount> {
  const r = await callService(tokens, url, 'GET', `/accounts/${expertId}`, who);
  if (r.status !== 200) throw new Error(`GET /accounts/${expertId}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as PointsAccount;
}

/** Every movement of an account, following the ledger's cursor to the end. */
export async function readWholeLedger(tokens: DevTokens, url: string, expertId: string, who: Caller): Promise<LedgerItem[]> {
  const items: LedgerItem[] = [];
  let after: string | number | undefined;
  for (;;) {
    const r = await callService(tokens, url, 'GET', `/accounts/${expertId}/ledger?limit=200${after !== undefined ? `&after=${after}` : ''}`, who);
    if (r.status !== 200) throw new Error(`GET ledger of ${expertId}: ${r.status} ${JSON.stringify(r.body)}`);
    items.push(...(r.body.items as LedgerItem[]));
    if (r.body.next === undefined || r.body.next === null) return items;
    after = r.body.next as string | number;
  }
}

/** The movements recorded more than once: an event id twice, or a source event earning twice the same rule. */
export function duplicateMovements(items: readonly LedgerItem[]): string[] {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  for (const item of items) {
    const keys = [`event:${item.eventId}`];
    if (item.type === 'PointsEarned' && item.sourceEventId) keys.push(`earned:${item.sourceEventId}:${item.ruleId ?? ''}`);
    if (item.type === 'PointsReversed' && item.sourceEventId) keys.push(`reversed:${item.sourceEventId}`);
    for (const key of keys) {
      if (seen.has(key)) duplicates.push(key);
      seen.add(key);
    }
  }
  return duplicates;
}

/** Points' read models that a rebuild compares with the live ones. */
export const POINTS_READ_MODELS = ['points_balances', 'points_ledger'] as const;

/** Rebuilds each of points' read models on one replica from position 0; the answers say whether the live one had drifted. */
export async function rebuildPointsReadModels(tokens: DevTokens, url: string, who: Caller): Promise<{ projection: string; status: number; body: unknown }[]> {
  const answers = [];
  for (const projection of POINTS_READ_MODELS) {
    const r = await callService(tokens, url, 'POST', `/ops/projections/${projection}/rebuild`, who);
    answers.push({ projection, status: r.status, body: r.body as unknown });
  }
  return answers;
}

/** What `rebuildPointsReadModels` answers when every live read model equals its rebuild. */
export const noPointsReadModelDrifted = () => POINTS_READ_MODELS.map((projection) => ({ projection, status: 200, body: { drifted: false } }));
