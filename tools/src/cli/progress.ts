import type { Position } from '@hope/eventstore';

/**
 * A progress bar on stderr (stdout stays clean for data). The fraction is the read position over the
 * log's last position: exact for the embedded store, a good estimate for EventStoreDB's byte positions.
 */
export class Progress {
  private lastDraw = 0;
  private readonly started = Date.now();
  private readonly tty = process.stderr.isTTY === true;

  constructor(private readonly end: Position | undefined) {}

  update(at: Position, count: number): void {
    const now = Date.now();
    if (now - this.lastDraw < 250) return;
    this.lastDraw = now;
    const fraction = this.end && this.end.commit > 0n ? Number((at.commit * 1000n) / this.end.commit) / 1000 : 0;
    const width = 30;
    const filled = Math.round(fraction * width);
    const rate = Math.round(count / Math.max(0.001, (now - this.started) / 1000));
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(1)}%  ${count} events  ${rate}/s`;
    process.stderr.write(this.tty ? `\r${line}` : `${line}\n`);
  }

  done(count: number): void {
    const seconds = (Date.now() - this.started) / 1000;
    process.stderr.write(`${this.tty ? '\r' : ''}exported ${count} events in ${seconds.toFixed(1)} s\n`);
  }
}
