/**
 * Imported first by run-all.ts, before any group's module reads its sizes: `--quick` sets BENCH_QUICK
 * and small sizes for the groups sized by environment variables (explicit values still win).
 */
if (process.argv.includes('--quick')) {
  process.env.BENCH_QUICK = '1';
  const small: Record<string, string> = {
    POINTS_BENCH_EVENTS: '20000',
    POINTS_BENCH_SECONDS: '2',
    DEMAND_BENCH_N: '5000',
    PROFILES: '10000',
    DEMANDS: '100',
    UPDATES: '20',
    SOAK_SECONDS: '10',
    SOAK_RATE: '40',
  };
  for (const [name, value] of Object.entries(small)) process.env[name] ??= value;
}
// Benchmarks measure throughput, not the per-principal write limit (RATE_LIMIT_WRITES; 0 = off), unless asked.
process.env.RATE_LIMIT_WRITES ??= '0';

export {};
