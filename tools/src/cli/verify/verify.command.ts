import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildProjectionsAsOf, type EventStore } from '@hope/eventstore';
import { translatorOf, type ServiceDefinition } from '@hope/platform';
import { openStore } from '../open-store';
import { checkBalances, checkEarnings, checkReservations, sumAccounts, type BalanceRow, type Finding } from './checks';
import { readPointsLedger, SUM_COLUMNS, type AccountSums, type TypeTotal } from './points-ledger';
import { indexSources } from './source-index';
import { checkHandledSources, readHandledSources } from './handled-sources';

export interface VerifyOptions {
  /** One store for every service (esdb://..., sqlite:<shared file>); default: the embedded stores under dataDir. */
  store?: string;
  dataDir: string;
}

export interface VerifyReport {
  readonly clean: boolean;
  readonly findings: readonly Finding[];
  readonly accounts: number;
  readonly totals: Readonly<Record<string, TypeTotal>>;
  readonly earnedBySource: Readonly<Record<string, TypeTotal>>;
  readonly balances: AccountSums;
  /** What the sums were compared with: the balance projection rebuilt from the store, and the live one when it was caught up. */
  readonly comparedWith: readonly string[];
}

const BALANCES = 'points_balances';

const definitions = async (): Promise<ServiceDefinition[]> => [
  (await import('@hope/demand')).demandService,
  (await import('@hope/matching')).matchingService,
  (await import('@hope/consulting')).consultingService,
  (await import('@hope/points')).pointsService,
];

/**
 * `hope verify`: cross-checks the services' stores. Every PointsEarned traces to a source event its
 * service recorded (and a retracted source to its reversal); every capture has its reservation; the
 * movements of each account sum to what the balance read model says.
 */
export async function verifyStores(o: VerifyOptions): Promise<VerifyReport> {
  const services = await definitions();
  const stores = new Map<string, EventStore>();
  const open = (service: string): EventStore => {
    if (!o.store) {
      const file = join(o.dataDir, `${service}.events.sqlite`);
      if (!existsSync(file)) throw new Error(`no ${service} store at ${file} (--data-dir, or --store esdb://...)`);
    }
    // On a shared store each service is its own namespaced view: one per service, never one for all.
    const store = stores.get(service) ?? openStore({ service, dataDir: o.dataDir, ...(o.store ? { store: o.store } : {}) });
    stores.set(service, store);
    return store;
  };
  try {
    const sources = services.filter((s) => s.name !== 'points').map((s) => ({ service: s.name, store: open(s.name), translate: translatorOf(s) }));
    const pointsStore = open('points');
    const [index, ledger] = [await indexSources(sources), await readPointsLedger(pointsStore)];
    const balanceProjection = services.find((s) => s.name === 'points')?.projections?.find((p) => p.name === BALANCES);
    if (!balanceProjection) throw new Error(`the points service has no ${BALANCES} projection`);

    const findings: Finding[] = [...checkEarnings(ledger, index), ...checkReservations(ledger), ...checkHandledSources(ledger, await readHandledSources(pointsStore))];
    const comparedWith: string[] = [];
    // The read model as the service's own fold builds it from scratch (a far future instant: every event counts).
    const rebuilt = await buildProjectionsAsOf(pointsStore, [balanceProjection], new Date(8.64e15));
    try {
      findings.push(...checkBalances(ledger, rebuilt.prepare(`SELECT * FROM ${BALANCES}`).all() as BalanceRow[], 'balance read model rebuilt from the store'));
      comparedWith.push('rebuilt');
    } finally {
      rebuilt.close();
    }
    const live = o.store ? undefined : liveBalances(join(o.dataDir, 'points.projections.sqlite'), ledger.lastPosition?.commit);
    if (live) {
      findings.push(...checkBalances(ledger, live, 'live balance read model'));
      comparedWith.push('live');
    }
    return {
      clean: findings.length === 0,
      findings,
      accounts: ledger.accounts.size,
      totals: Object.fromEntries(ledger.totals),
      earnedBySource: Object.fromEntries(ledger.earnedBySource),
      balances: sumAccounts(ledger.accounts.values()),
      comparedWith,
    };
  } finally {
    for (const s of stores.values()) await s.close();
  }
}

/**
 * The embedded points service's own read model, if it has applied at least every account event read
 * (a model still catching up would differ for no fault). Read-only: the service may be running.
 */
function liveBalances(file: string, through: bigint | undefined): BalanceRow[] | undefined {
  if (!existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const cp = db.prepare<[string], { commit_position: string | null }>('SELECT commit_position FROM projection_checkpoints WHERE name = ?').get(BALANCES);
    if (!cp) return undefined;
    const at = cp.commit_position === null ? -1n : BigInt(cp.commit_position);
    if (through !== undefined && at < through) return undefined;
    return db.prepare(`SELECT * FROM ${BALANCES}`).all() as BalanceRow[];
  } catch {
    return undefined;
  } finally {
    db.close();
  }
}

export function formatReport(r: VerifyReport): string {
  const lines: string[] = [];
  lines.push(`hope verify: ${r.clean ? 'CLEAN' : `${r.findings.length} finding(s)`}`);
  lines.push(`accounts: ${r.accounts}; balances compared with: ${r.comparedWith.join(', ') || 'nothing'}`);
  lines.push('totals by event type:');
  for (const [type, t] of Object.entries(r.totals)) lines.push(`  ${type.padEnd(20)} ${String(t.count).padStart(8)} events ${String(t.points).padStart(12)} points`);
  lines.push('earned by source type:');
  for (const [type, t] of Object.entries(r.earnedBySource)) lines.push(`  ${type.padEnd(22)} ${String(t.count).padStart(6)} earnings ${String(t.points).padStart(12)} points`);
  lines.push(`sum over accounts: ${SUM_COLUMNS.map((c) => `${c} ${r.balances[c]}`).join(', ')}`);
  for (const f of r.findings) lines.push(`${f.code}: ${f.message} [${Object.entries(f.ids).map(([k, v]) => `${k}=${v}`).join(' ')}]`);
  return `${lines.join('\n')}\n`;
}
