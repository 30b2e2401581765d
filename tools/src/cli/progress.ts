import type { Position } from '@hope/eventstore';

/** How often the bar is redrawn at most (a line each time when stderr is not a terminal). */
const REDRAW_MS = 200;

/**
 * A progress bar on stderr (stdout stays clean for data), labelled with the service. The fraction is
 * the read position between the service's first and last positions when the export started: exact for
 * the embedded store, an estimate for EventStoreDB's byte positions and a shared store (other services'
 * events lie between). It is drawn at the first event, at most every REDRAW_MS, and once more at the end
 * with the final counts, so even an export shorter than one redraw ends at 100 %.
 */
export class Progress {
  private lastDraw = 0;
  private readonly started = Date.now();
  private readonly tty: boolean;
  private fraction = 0;
  private drawn = '';

  constructor(
    private readonly label: string,
    private readonly range: { first?: Position; last?: Position },
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = out.isTTY === true;
  }

  /** After each event read: its position, how many were read and how many of them exported. */
  update(at: Position, read: number, exported: number): void {
    const { first, last } = this.range;
    if (first && last && last.commit > first.commit) {
      const f = Number(((at.commit - first.commit) * 10_000n) / (last.commit - first.commit)) / 10_000;
      this.fraction = Math.min(1, Math.max(0, f));
    } else {
      this.fraction = 1;
    }
    const now = Date.now();
    if (this.lastDraw !== 0 && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    this.draw(read, exported);
  }

  /** The final bar (100 % when the whole log was read) and the summary line. */
  done(read: number, exported: number, complete: boolean): void {
    if (complete) this.fraction = 1;
    this.draw(read, exported);
    const seconds = (Date.now() - this.started) / 1000;
    this.out.write(`${this.tty ? '\n' : ''}${this.label}: exported ${exported} events (${read} read) in ${seconds.toFixed(1)} s\n`);
  }

  private draw(read: number, exported: number): void {
    const state = `${this.fraction}/${read}/${exported}`;
    if (state === this.drawn) return;
    this.drawn = state;
    const width = 30;
    const filled = Math.round(this.fraction * width);
    const rate = Math.round(read / Math.max(0.001, (Date.now() - this.started) / 1000));
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(this.fraction * 100).toFixed(1).padStart(5)} %  ${exported} exported / ${read} read  ${rate} events/s`;
    this.out.write(this.tty ? `\r\x1b[K${line}` : `${line}\n`);
  }
}
