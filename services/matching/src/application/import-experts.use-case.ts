import { deterministicUuid, ValidationError, type FieldProblem, type Position } from '@hope/kernel';
import type { Profile } from '../domain/expert/profile';
import type { ParsedRow } from './import-lines';
import type { KeyPreparation } from './personal-data/key-preparation';
import type { ExpertDeps } from './registry.handlers';

/** A row, validated: who (the source's own id) and the profile. `validate` throws a ValidationError naming the fields. */
export interface ImportRow {
  readonly externalId: string;
  readonly profile: Profile;
}

export interface RejectedRow {
  readonly line: number;
  readonly field: string;
  readonly reason: string;
}

export interface ImportProgress {
  /** Rows read so far (blank lines are not rows). */
  readonly rows: number;
  /** New experts joined. */
  readonly joined: number;
  /** Experts already there whose profile changed. */
  readonly updated: number;
  /** Rows that changed nothing (a re-import, or a rerun after a crash). */
  readonly unchanged: number;
  readonly rejected: number;
}

export interface ImportReport extends ImportProgress {
  /** One entry per problem (a row may have several), in line order. */
  readonly rejections: readonly RejectedRow[];
  /** Rejections beyond this many are counted in `rejected`, not listed. */
  readonly rejectionsTruncated: boolean;
}

export interface ImportExpertsDeps extends ExpertDeps {
  readonly keys: KeyPreparation & { prepareMany(expertIds: readonly string[]): Promise<void> };
  /** The same validation as `POST /experts` (the DTO and its pipe), bound by the HTTP adapter. */
  readonly validate: (value: unknown) => Promise<ImportRow>;
  /** A fresh id for profile updates (their idempotency is the decider's: an update that changes nothing records nothing). */
  readonly nextId: () => string;
}

export interface ImportOptions {
  /** Rows handled concurrently: their appends share the store's group commit. */
  readonly window?: number;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Progress is reported every this many rows. */
  readonly progressEvery?: number;
  readonly maxRejections?: number;
}

/** The expert an external id stands for: the same id every time, so a re-import finds the same expert. */
export const importedExpertId = (externalId: string): string => `ext:${externalId}`;

/** Handler name + external id: the join of one external id is one command, whoever runs it and however often. */
const joinCommandId = (externalId: string): string => deterministicUuid('matching.import-expert', externalId);

type Outcome = { kind: 'joined' | 'updated' | 'unchanged'; position?: Position } | { problems: readonly FieldProblem[] };

/**
 * Bulk import of expert profiles, one JSON object per line (read by `jsonlRows`). Each row is checked like `POST /experts`,
 * then joins (new external id) or updates the profile (known one); idempotent per row: the join's
 * command id derives from the external id, and an update that changes nothing records nothing, so a
 * re-import or a rerun after a crash records nothing twice. Rows run `window` at a time so their
 * appends share commits; rows of one external id run in file order.
 */
export async function importExperts(deps: ImportExpertsDeps, lines: AsyncIterable<ParsedRow>, options: ImportOptions = {}): Promise<{ report: ImportReport; position?: Position }> {
  const window = options.window ?? 256;
  const every = options.progressEvery ?? 1_000;
  const maxRejections = options.maxRejections ?? 1_000;
  const counts = { rows: 0, joined: 0, updated: 0, unchanged: 0, rejected: 0 };
  const rejections: RejectedRow[] = [];
  let truncated = false;
  let nextProgress = every;
  let position: Position | undefined;
  const recorded = (p: Position | undefined) => {
    if (p && (!position || p.commit > position.commit)) position = p;
  };

  const reject = (line: number, problems: readonly FieldProblem[]) => {
    counts.rejected++;
    for (const p of problems) {
      if (rejections.length < maxRejections) rejections.push({ line, field: p.field, reason: p.reason });
      else truncated = true;
    }
  };

  /** One window, validated already: its experts' status, their keys, then its rows. */
  const handleWindow = async (parsed: readonly ParsedLine[]) => {
    const valid = parsed.filter((p): p is { line: number; row: ImportRow } => 'row' in p);
    for (const p of parsed) if ('problems' in p) reject(p.line, p.problems);
    // New experts' keys in one go (one sync for the window, not one per expert); never for a forgotten one.
    const ids = [...new Set(valid.map((v) => importedExpertId(v.row.externalId)))];
    const states = await Promise.all(ids.map(async (id) => ({ id, status: (await deps.experts.load(id)).status })));
    await deps.keys.prepareMany(states.filter((s) => s.status === 'absent').map((s) => s.id));
    const known = new Map(states.map((s) => [s.id, s.status]));
    // Rows of one external id in file order; different ones concurrently.
    const byId = new Map<string, { line: number; row: ImportRow }[]>();
    for (const v of valid) {
      const rows = byId.get(v.row.externalId);
      if (rows) rows.push(v);
      else byId.set(v.row.externalId, [v]);
    }
    await Promise.all(
      [...byId.values()].map(async (rows) => {
        for (const [i, { line, row }] of rows.entries()) {
          // The status just loaded holds for the id's first row; a later row of it follows its own writes.
          const outcome = await importRow(deps, row, i === 0 ? known.get(importedExpertId(row.externalId)) : undefined);
          if ('problems' in outcome) reject(line, outcome.problems);
          else {
            counts[outcome.kind]++;
            recorded(outcome.position);
          }
        }
      }),
    );
    if (counts.rows >= nextProgress) {
      nextProgress = counts.rows + every;
      options.onProgress?.({ ...counts });
    }
  };

  // Two windows at a time: the next one is validated (on the validation threads, when the adapter has
  // them) while this one is recorded. Windows are recorded one after the other, in file order.
  let recording: Promise<void> | undefined;
  const submit = async (batch: readonly ParsedRow[]) => {
    const validating = Promise.all(batch.map((l) => parseLine(deps, l)));
    validating.catch(() => undefined);
    if (recording) await recording;
    recording = validating.then(handleWindow);
    // Awaited by the next window or at the end; a failure must not go unobserved meanwhile.
    recording.catch(() => undefined);
  };

  let batch: ParsedRow[] = [];
  for await (const line of lines) {
    counts.rows++;
    batch.push(line);
    if (batch.length >= window) {
      await submit(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await submit(batch);
  if (recording) await recording;
  rejections.sort((a, b) => a.line - b.line);
  return { report: { ...counts, rejections, rejectionsTruncated: truncated }, ...(position ? { position } : {}) };
}

type ParsedLine = { line: number; row: ImportRow } | { line: number; problems: readonly FieldProblem[] };

async function parseLine(deps: ImportExpertsDeps, l: ParsedRow): Promise<ParsedLine> {
  if ('error' in l) return { line: l.line, problems: [{ field: 'line', reason: l.error }] };
  try {
    return { line: l.line, row: await deps.validate(l.raw) };
  } catch (error) {
    if (error instanceof ValidationError) return { line: l.line, problems: error.fields.length > 0 ? error.fields : [{ field: 'line', reason: error.message }] };
    throw error;
  }
}

async function importRow(deps: ImportExpertsDeps, row: ImportRow, loaded: string | undefined): Promise<Outcome> {
  const expertId = importedExpertId(row.externalId);
  try {
    const state = { status: loaded ?? (await deps.experts.load(expertId)).status };
    if (state.status === 'forgotten') return { problems: [{ field: 'externalId', reason: `expert ${expertId} asked to be forgotten; nothing more is recorded for them` }] };
    const now = deps.clock.now();
    if (state.status === 'member') {
      const r = await deps.experts.handle(expertId, { type: 'UpdateProfile', data: { expertId, changes: row.profile }, metadata: { now } }, { commandId: deps.nextId() }, { wait: false });
      return { kind: r.appended > 0 ? 'updated' : 'unchanged', ...(r.position ? { position: r.position } : {}) };
    }
    // Prepared with the window's new experts already when the status came from there.
    if (loaded === undefined) await deps.keys.prepare(expertId);
    const r = await deps.experts.handle(expertId, { type: 'JoinExpert', data: { expertId, profile: row.profile }, metadata: { now } }, { commandId: joinCommandId(row.externalId) }, { wait: false });
    return { kind: r.duplicate ? 'unchanged' : 'joined', ...(r.position ? { position: r.position } : {}) };
  } catch (error) {
    // The domain's own profile rules (a skill practised in the future...) reject the row, not the import.
    if (error instanceof ValidationError) return { problems: error.fields.length > 0 ? error.fields : [{ field: 'line', reason: error.message }] };
    throw error;
  }
}
