/** Resolves when the dependency answers; rejects (with a reason) when it does not. */
export type ReadinessCheck = () => Promise<void>;

export interface ReadinessResult {
  name: string;
  ok: boolean;
  error?: string;
}

/**
 * The checks `/health/ready` runs. Services add theirs (event store, bus, shared state) at start-up.
 * Each check is bounded by a timeout: a hung dependency must make the probe fail, not hang.
 */
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  constructor(private readonly timeoutMs = 2_000) {}

  register(name: string, check: ReadinessCheck): void {
    if (this.checks.has(name)) throw new Error(`Readiness check "${name}" is already registered`);
    this.checks.set(name, check);
  }

  names(): string[] {
    return [...this.checks.keys()];
  }

  async run(): Promise<ReadinessResult[]> {
    return Promise.all([...this.checks].map(([name, check]) => this.runOne(name, check)));
  }

  private async runOne(name: string, check: ReadinessCheck): Promise<ReadinessResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([check(), timeout]);
      return { name, ok: true };
    } catch (e) {
      return { name, ok: false, error: e instanceof Error ? e.message : String(e) };
    } finally {
      clearTimeout(timer);
    }
  }
}
