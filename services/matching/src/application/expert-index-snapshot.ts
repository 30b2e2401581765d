import { createHash } from 'node:crypto';
import type { Analyzer } from '../domain/ranking/analyzer';
import { ExpertIndex, FIELD_WEIGHTS, type IndexedExpert, type TrackRecord } from '../domain/ranking/expert-index';
import { coreFromSections, coreSections, readSnapshot, writeSnapshot, type SnapshotValue } from '../domain/text-index/snapshot-file';

/** Bumped whenever what the snapshot holds changes shape: an older file is ignored and the index rebuilt. */
export const EXPERT_INDEX_FORMAT = 2;
const KIND = 'matching.expert-index';
/** Docs per JSON section: parsing one holds the loop ~50 ms at 200k profiles (20,000 held it 200-300 ms). */
const DOCS_PER_SECTION = 5_000;
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
  const docs: [string, SnapshotValue][] = [];
  for (let i = 0; i < s.docs.length; i += DOCS_PER_SECTION) docs.push([`docs.${docs.length}`, { json: s.docs.slice(i, i + DOCS_PER_SECTION) }]);
  await writeSnapshot(file, { kind: KIND, format: EXPERT_INDEX_FORMAT, stamp: { ...positions, analyzer: analyzerFingerprint(index.analyzer), docSections: docs.length } }, [
    ...coreSections('core', s.core),
    ...docs,
    ['trackRecords', { json: s.trackRecords }],
  ]);
}

/** The index a snapshot holds and the positions it reflects; undefined when there is none usable (missing, foreign, old, corrupt, another analyzer). */
export async function loadExpertIndex(file: string, analyzer: Analyzer): Promise<{ index: ExpertIndex; positions: IndexPositions } | undefined> {
  const snapshot = await readSnapshot(file, { kind: KIND, format: EXPERT_INDEX_FORMAT });
  if (!snapshot) return undefined;
  const { seq, funnelSeq, analyzer: fingerprint, docSections } = snapshot.stamp as { seq: number; funnelSeq: number; analyzer: string; docSections: number };
  if (fingerprint !== analyzerFingerprint(analyzer) || !Number.isInteger(seq) || !Number.isInteger(funnelSeq)) return undefined;
  try {
    const json = <T>(name: string): T => (snapshot.sections.get(name) as { json: T }).json;
    const restoring = ExpertIndex.restoring(analyzer, coreFromSections('core', snapshot.sections), json<[string, TrackRecord][]>('trackRecords'));
    // JSON sections are parsed when first read: each section of docs is parsed, shared and let go before the next, the loop turning between them.
    for (let i = 0; i < docSections; i++) {
      restoring.add(json<(IndexedExpert | null)[]>(`docs.${i}`));
      snapshot.sections.delete(`docs.${i}`);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { index: restoring.done(), positions: { seq, funnelSeq } };
  } catch {
    return undefined;
  }
}
