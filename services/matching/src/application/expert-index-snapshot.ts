import { createHash } from 'node:crypto';
import type { Analyzer } from '../domain/ranking/analyzer';
import type { ExpertColumnsState } from '../domain/ranking/expert-columns';
import { ExpertIndex, FIELD_WEIGHTS, type TrackRecord } from '../domain/ranking/expert-index';
import { runStepsInTurns } from '../domain/text-index/steps';
import { coreFromSections, coreSections, readSnapshot, writeSnapshot, type SnapshotValue } from '../domain/text-index/snapshot-file';

/** Bumped whenever what the snapshot holds changes shape: an older file is ignored and the index rebuilt. */
export const EXPERT_INDEX_FORMAT = 3;
const KIND = 'matching.expert-index';
/** The experts' columns written as typed arrays (format 3, decision 0054; format 2 wrote one JSON object per expert). */
const COLUMNS = ['codes', 'skillStart', 'skillLabels', 'skillYears', 'domainStart', 'domainIds', 'employmentStart', 'employmentIds'] as const;
/** Both languages, compounds, phrases and a negation: a change of the analyzer or lexicon changes its terms. */
const PROBE = '碳纤维复合材料的低噪声振动控制，无铅焊接 low-noise vibration control of silver-free carbon fibre composites';

/** What the index was built with: a snapshot from another analyzer, lexicon or field weighting is not this index's. */
export const analyzerFingerprint = (analyzer: Analyzer): string =>
  createHash('sha256').update(JSON.stringify([analyzer.terms(PROBE), analyzer.plan(PROBE).clauses.length, FIELD_WEIGHTS])).digest('hex').slice(0, 16);

/** The projection positions an index reflects: it catches up from them. */
export interface IndexPositions {
  readonly seq: number;
  readonly funnelSeq: number;
}

export async function saveExpertIndex(file: string, index: ExpertIndex, positions: IndexPositions): Promise<void> {
  const s = index.state();
  const e = s.experts;
  await writeSnapshot(file, { kind: KIND, format: EXPERT_INDEX_FORMAT, stamp: { ...positions, analyzer: analyzerFingerprint(index.analyzer) } }, [
    ...coreSections('core', s.core),
    ...COLUMNS.map((name): [string, SnapshotValue] => [`experts.${name}`, e[name]]),
    ['experts.tables', { json: e.tables }],
    ['experts.terms', { json: e.terms }],
    ['experts.restrictions', { json: e.restrictions }],
    ['trackRecords', { json: s.trackRecords }],
  ]);
}

/** The index a snapshot holds and the positions it reflects; undefined when there is none usable (missing, foreign, old, corrupt, another analyzer). */
export async function loadExpertIndex(file: string, analyzer: Analyzer): Promise<{ index: ExpertIndex; positions: IndexPositions } | undefined> {
  const snapshot = await readSnapshot(file, { kind: KIND, format: EXPERT_INDEX_FORMAT });
  if (!snapshot) return undefined;
  const { seq, funnelSeq, analyzer: fingerprint } = snapshot.stamp as { seq: number; funnelSeq: number; analyzer: string };
  if (fingerprint !== analyzerFingerprint(analyzer) || !Number.isInteger(seq) || !Number.isInteger(funnelSeq)) return undefined;
  try {
    const json = <T>(name: string): T => (snapshot.sections.get(name) as { json: T }).json;
    const array = (name: string): SnapshotValue => {
      const value = snapshot.sections.get(`experts.${name}`);
      if (!value || 'json' in value) throw new Error(`snapshot section experts.${name} missing`);
      return value;
    };
    const experts = {
      ...(Object.fromEntries(COLUMNS.map((name) => [name, array(name)])) as Pick<ExpertColumnsState, (typeof COLUMNS)[number]>),
      tables: json<ExpertColumnsState['tables']>('experts.tables'),
      terms: json<ExpertColumnsState['terms']>('experts.terms'),
      restrictions: json<ExpertColumnsState['restrictions']>('experts.restrictions'),
    };
    const state = { core: coreFromSections('core', snapshot.sections), experts, trackRecords: json<[string, TrackRecord][]>('trackRecords') };
    // Restored in steps, the loop turning between them (rehashing ~800,000 terms in one go held it ~0.5 s).
    const index = await runStepsInTurns(ExpertIndex.restoring(analyzer, state), () => new Promise<void>((resolve) => setImmediate(resolve)));
    return { index, positions: { seq, funnelSeq } };
  } catch {
    return undefined;
  }
}
