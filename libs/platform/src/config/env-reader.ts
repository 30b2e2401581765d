/**
 * Reads typed values out of an environment map and collects every problem before failing, so a
 * misconfigured deployment learns about all its bad variables in one restart, not one per restart.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** The raw value; empty strings count as unset so `FOO=` in a .env file means "use the default". */
  raw(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string;
  string(name: string): string | undefined;
  string(name: string, fallback?: string): string | undefined {
    return this.raw(name) ?? fallback;
  }

  requiredString(name: string, why = 'is required'): string {
    const value = this.raw(name);
    if (value === undefined) this.problems.push(`${name} ${why}`);
    return value ?? '';
  }

  int(name: string, opts: { min: number; max: number; fallback: number }): number {
    const value = this.raw(name);
    if (value === undefined) return opts.fallback;
    const parsed = /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < opts.min || parsed > opts.max) {
      this.problems.push(`${name} must be an integer ${opts.min}-${opts.max}, got "${value}"`);
      return opts.fallback;
    }
    return parsed;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false, got "${this.raw(name) ?? ''}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
    return fallback;
  }

  /** A URL whose scheme is one of `protocols` (without the colon), e.g. ['redis', 'rediss']. */
  url(name: string, protocols: readonly string[]): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const scheme = new URL(value).protocol.replace(/:$/, '');
      if (protocols.includes(scheme)) return value;
      this.problems.push(`${name} must be a ${protocols.join(' or ')} URL, got "${value}"`);
    } catch {
      this.problems.push(`${name} must be a URL (${protocols.join(' or ')}), got "${value}"`);
    }
    return undefined;
  }

  /** Comma-separated list, entries trimmed, empty entries rejected (a trailing comma is a typo). */
  list(name: string, itemPattern?: { re: RegExp; what: string }): string[] | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const items = value.split(',').map((s) => s.trim());
    const bad = items.find((item) => item === '' || (itemPattern !== undefined && !itemPattern.re.test(item)));
    if (bad !== undefined) {
      const what = itemPattern?.what ?? 'non-empty entries';
      this.problems.push(`${name} must be a comma-separated list of ${what}, got "${value}"`);
      return undefined;
    }
    return items;
  }

  /** Records a problem found by a cross-variable rule. */
  fail(problem: string): void {
    this.problems.push(problem);
  }

  /** Throws a ConfigError listing every problem seen so far. */
  done(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
