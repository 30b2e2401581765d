/**
 * The loop of a scheduled job: a read model nominates candidates, and each candidate is decided on its
 * own (load its stream, decide, append with a deterministic command id), so a stale row or a rerun is
 * harmless. This function owns the loop; the job says what the candidates are, how one is decided, and
 * what a failure does.
 *
 * Candidates come either as one list (`candidates`) or page by page (`page`): then the last row of a
 * page is the watermark the next page is read after, and the loop ends at the first empty page.
 *
 * Candidates come from read models, so every list and page is read only once the read models include
 * every write this process answered ahead of them (`answeredBy`, the service's AggregateHandlers: a
 * redemption answers before its projection catches up, decision 0020; a tick reading the model then
 * missed the reservation). The loop reads them itself, after that wait, which is why a list is a function.
 */
export type CandidateLoop<C, Row, E> = (CandidateList<C> | CandidatePages<C, Row>) & CandidateDecision<C, E> & ReadsAfterAnsweredWrites;

/** What the candidates are read after (`AggregateHandlers` is one): every write answered ahead of the read models. */
export interface AnsweredWrites {
  readsSeeAnsweredWrites(): Promise<void>;
}

export interface ReadsAfterAnsweredWrites {
  readonly answeredBy: AnsweredWrites;
}

export interface CandidateList<C> {
  /** Reads the candidates (called once, after the read models include every answered write). */
  readonly candidates: () => Iterable<C>;
}

export interface CandidatePages<C, Row> {
  /** Rows after `after` (the last row of the previous page; `from` for the first page); empty when done. */
  readonly page: (after: Row | undefined) => readonly Row[];
  /** Where to start: a watermark a previous run left. */
  readonly from?: Row;
  /** The candidates a page nominates (one per account, say); the rows themselves by default. */
  readonly candidatesOf?: (rows: readonly Row[]) => Iterable<C>;
  /** Called after every candidate of a page was decided or skipped, with that page's last row. */
  readonly pageDone?: (last: Row) => void;
}

export interface CandidateDecision<C, E> {
  readonly decide: (candidate: C) => Promise<unknown>;
  /**
   * A candidate that fails is logged and skipped (the next tick tries it again); the others are still
   * decided. `when` narrows that to the failures the job expects; any other failure stops the run. With
   * no `skip`, every failure stops the run, and the scheduler logs it and runs the job at its next tick.
   */
  readonly skip?: SkipFailures<C, E>;
}

export interface SkipFailures<C, E> {
  readonly when?: (error: unknown) => error is E;
  readonly log: (error: E, candidate: C) => void;
}

export interface CandidateCounts {
  readonly decided: number;
  readonly skipped: number;
  /** Pages read that held rows (a list counts as one). */
  readonly pages: number;
}

export async function forEachCandidate<Row, C = Row, E = unknown>(loop: CandidateLoop<C, Row, E>): Promise<CandidateCounts> {
  const counts = { decided: 0, skipped: 0, pages: 0 };
  const decideAll = async (candidates: Iterable<C>): Promise<void> => {
    counts.pages += 1;
    for (const candidate of candidates) {
      try {
        await loop.decide(candidate);
        counts.decided += 1;
      } catch (error) {
        if (!loop.skip || (loop.skip.when && !loop.skip.when(error))) throw error;
        loop.skip.log(error as E, candidate);
        counts.skipped += 1;
      }
    }
  };

  if ('candidates' in loop) {
    await loop.answeredBy.readsSeeAnsweredWrites();
    await decideAll(loop.candidates());
    return counts;
  }
  const candidatesOf = loop.candidatesOf ?? ((rows: readonly Row[]) => rows as unknown as Iterable<C>);
  let after = loop.from;
  for (;;) {
    // Before every page: a write answered while the previous pages were decided is in the next one.
    await loop.answeredBy.readsSeeAnsweredWrites();
    const rows = loop.page(after);
    if (rows.length === 0) return counts;
    const last = rows[rows.length - 1]!;
    await decideAll(candidatesOf(rows));
    loop.pageDone?.(last);
    after = last;
  }
}
