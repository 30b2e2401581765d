import { deterministicUuid, DomainError, ValidationError, type CommandMeta, type FieldProblem, type Position, type Principal } from '@hope/kernel';
import type { ResourceFields } from '../../domain/resources/resource';
import type { ParsedRow } from '../import-lines';
import { actorOf, type ResourceHandler } from './manage-resources.use-case';

/** A row that passed the same validation as `POST /resources`. */
export interface ValidRow {
  readonly externalKey: string;
  readonly ownerOrganisationId?: string;
  readonly fields: ResourceFields;
}
export type RowValidator = (raw: Record<string, unknown>) => Promise<ValidRow>;

export interface ImportCounts {
  read: number;
  registered: number;
  revised: number;
  unchanged: number;
  rejected: number;
}

/** What an import reports as it goes: counts now and then, each rejected row with its line and reasons, then the totals. */
export type ImportReport =
  | ({ type: 'progress' } & ImportCounts)
  | { type: 'rejected'; line: number; externalKey?: string; errors: FieldProblem[] }
  | ({ type: 'done'; jobId: string } & ImportCounts);

export interface ImportResourcesDeps {
  readonly resources: ResourceHandler;
  readonly clock: { now(): Date };
  readonly validate: RowValidator;
  /** Waits until the read models include a position (so the totals are visible once the import answers). */
  readonly settle: (position: Position) => Promise<void>;
}

/** Rows handled at once: appends overlap with reading and validating; one stream's rows still queue in order. */
const IN_FLIGHT = 16;
const PROGRESS_EVERY = 1_000;

/** An external key names the same resource of an owner in every import: its id derives from both. */
export const importedResourceId = (ownerOrganisationId: string, externalKey: string): string => deterministicUuid('matching.resource-import', ownerOrganisationId, externalKey);

const problemsOf = (error: DomainError): FieldProblem[] =>
  error instanceof ValidationError && error.fields.length > 0 ? [...error.fields] : [{ field: '', reason: `${error.code}: ${error.message}` }];

/**
 * A bulk import, row by row as the file streams in. Each row is one command on its resource, whose id
 * follows from (owner, external key): importing a row again finds the resource as the row says and
 * changes nothing; a changed row revises it. The command id follows from (job, line, key), so a job
 * retried with the same Idempotency-Key after a crash is a kernel duplicate for every row it had done.
 * A row that fails validation or a rule is reported with its line and reasons and the import goes on;
 * any other failure (the store) stops the import and is thrown.
 */
export async function importResources(
  deps: ImportResourcesDeps,
  who: Principal,
  input: { jobId: string; ownerOrganisationId?: string; rows: AsyncIterable<ParsedRow> },
  meta: Pick<CommandMeta, 'correlationId'>,
  report: (r: ImportReport) => void,
): Promise<ImportCounts> {
  const counts: ImportCounts = { read: 0, registered: 0, revised: 0, unchanged: 0, rejected: 0 };
  const inFlight = new Set<Promise<void>>();
  let latest: Position | undefined;
  let failure: unknown;
  const reject = (line: number, errors: FieldProblem[], externalKey?: string) => {
    counts.rejected++;
    report({ type: 'rejected', line, ...(externalKey !== undefined ? { externalKey } : {}), errors });
  };

  const handleRow = async (row: ParsedRow): Promise<void> => {
    if ('error' in row) return reject(row.line, [{ field: '', reason: `line ${row.error}` }]);
    let valid: ValidRow;
    try {
      valid = await deps.validate(row.raw);
    } catch (error) {
      if (error instanceof DomainError) return reject(row.line, problemsOf(error), typeof row.raw.externalKey === 'string' ? row.raw.externalKey : undefined);
      throw error;
    }
    const owner = valid.ownerOrganisationId ?? input.ownerOrganisationId ?? (who.role === 'enterprise' ? who.organisationId : undefined);
    if (owner === undefined) return reject(row.line, [{ field: 'ownerOrganisationId', reason: 'is required (in the row or as the import’s organisation) for staff' }], valid.externalKey);
    const resourceId = importedResourceId(owner, valid.externalKey);
    try {
      const outcome = await deps.resources.handle(
        resourceId,
        { type: 'ImportResource', data: { resourceId, ownerOrganisationId: owner, externalKey: valid.externalKey, fields: valid.fields, by: actorOf(who) }, metadata: { now: deps.clock.now() } },
        { commandId: deterministicUuid('matching.import-row', input.jobId, String(row.line), valid.externalKey), ...(meta.correlationId ? { correlationId: meta.correlationId } : {}) },
        { wait: false },
      );
      if (outcome.position && (!latest || outcome.position.commit > latest.commit)) latest = outcome.position;
      const first = outcome.duplicate ? undefined : outcome.newEvents[0]?.type;
      if (first === 'ResourceRegistered') counts.registered++;
      else if (first === 'ResourceRevised') counts.revised++;
      else counts.unchanged++;
    } catch (error) {
      if (error instanceof DomainError) return reject(row.line, problemsOf(error), valid.externalKey);
      throw error;
    }
  };

  for await (const row of input.rows) {
    if (failure !== undefined) break;
    counts.read++;
    const work: Promise<void> = handleRow(row).then(
      () => void inFlight.delete(work),
      (error: unknown) => {
        inFlight.delete(work);
        failure ??= error;
      },
    );
    inFlight.add(work);
    if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    if (counts.read % PROGRESS_EVERY === 0) report({ type: 'progress', ...counts });
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  if (latest) await deps.settle(latest);
  report({ type: 'done', jobId: input.jobId, ...counts });
  return counts;
}
