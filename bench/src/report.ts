/**
 * The one way a bench group states a figure: its value beside a baseline measured in the same run, the
 * ratio, the goal and whether it is met, the load average at that moment. Printed as one line
 * and kept for `bench/results/latest.json` (written by run-all.ts). Figures are never asserted.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';

/** `npm run bench -- --quick`: every group at small sizes (a smoke run of the benches, not figures to quote). */
export const quick = (): boolean => process.env.BENCH_QUICK === '1';

/** A bound on the value (`value`) or on value / baseline (`ratio`). */
export interface Goal {
  readonly ratio?: { readonly min?: number; readonly max?: number };
  readonly value?: { readonly min?: number; readonly max?: number };
}

export interface FigureInput {
  readonly group: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: { readonly name: string; readonly value: number };
  readonly goal?: Goal;
  /** Anything a reader needs to interpret the figure (sizes, what was left out). */
  readonly note?: string;
}

export interface Figure extends FigureInput {
  /** value / baseline. */
  readonly ratio?: number;
  readonly goalText?: string;
  readonly met?: boolean;
  readonly load: readonly number[];
  readonly at: string;
  readonly commit: string;
}

const figures: Figure[] = [];

const num = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
const bound = (b: { min?: number; max?: number }, unit = '') => [b.min !== undefined ? `>= ${num(b.min)}${unit}` : '', b.max !== undefined ? `<= ${num(b.max)}${unit}` : ''].filter(Boolean).join(' and ');
const within = (x: number | undefined, b: { min?: number; max?: number } | undefined) => b === undefined || (x !== undefined && (b.min === undefined || x >= b.min) && (b.max === undefined || x <= b.max));

export const loadAverage = (): number[] => loadavg().map((x) => Number(x.toFixed(2)));

export function report(input: FigureInput): Figure {
  const ratio = input.baseline && input.baseline.value !== 0 ? input.value / input.baseline.value : undefined;
  const goalText = input.goal ? [input.goal.ratio && `ratio ${bound(input.goal.ratio)}`, input.goal.value && bound(input.goal.value, ` ${input.unit}`)].filter(Boolean).join(', ') : undefined;
  const met = input.goal ? within(ratio, input.goal.ratio) && within(input.value, input.goal.value) : undefined;
  const figure: Figure = { ...input, ...(ratio !== undefined ? { ratio: Number(ratio.toFixed(3)) } : {}), ...(goalText ? { goalText, met } : {}), load: loadAverage(), at: new Date().toISOString(), commit: gitCommit() };
  figures.push(figure);
  const parts = [
    `[${input.group}] ${input.name}: ${num(input.value)} ${input.unit}`,
    input.baseline ? `baseline (${input.baseline.name}) ${num(input.baseline.value)} ${input.unit}` : '',
    ratio !== undefined ? `ratio ${ratio.toFixed(2)}` : '',
    goalText ? `goal ${goalText}: ${met ? 'met' : 'NOT met'}` : '',
    `load ${figure.load.join(' ')}`,
  ];
  console.log(`  > ${parts.filter(Boolean).join(' | ')}`);
  return figure;
}

export function reportedFigures(): readonly Figure[] {
  return figures;
}

let commit: string | undefined;
function gitCommit(): string {
  if (commit !== undefined) return commit;
  try {
    const sha = execSync('git rev-parse --short HEAD', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    commit = dirty ? `${sha}+uncommitted` : sha;
  } catch {
    commit = 'unknown';
  }
  return commit;
}

/**
 * Writes the run's figures; figures of groups this run left out are kept from the previous file (each
 * figure carries its own date, load and commit), so `npm run bench -- relay` refreshes only the relay.
 */
export function writeResults(file: string, run: { readonly groups: readonly string[]; readonly startedAt: Date; readonly loadAtStart: readonly number[]; readonly failed: readonly string[] }): void {
  mkdirSync(dirname(file), { recursive: true });
  let kept: Figure[] = [];
  try {
    kept = (JSON.parse(readFileSync(file, 'utf8')) as { figures: Figure[] }).figures.filter((f) => !run.groups.includes(f.group));
  } catch {
    kept = [];
  }
  const result = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    quick: quick(),
    groups: run.groups,
    failed: run.failed,
    durationSeconds: Math.round((Date.now() - run.startedAt.getTime()) / 1000),
    machine: { cpus: cpus().length, node: process.version },
    loadAtStart: run.loadAtStart,
    loadAtEnd: loadAverage(),
    figures: [...kept, ...figures],
  };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${figures.length} figures written to ${file}`);
}
