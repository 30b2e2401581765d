import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Topics, type EventEnvelope } from '@hope/contracts';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@hope/platform';
import { demandService } from '../src';

/** The demand service alone in embedded mode, with a test consumer on its topic and token helpers. */
export class DemandHarness {
  readonly published: EventEnvelope[] = [];
  private platform!: EmbeddedPlatform;
  private dir!: string;
  private stopReader?: () => Promise<void>;

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'hope-demand-'));
    this.platform = await startEmbeddedPlatform({ services: [demandService], dataDir: this.dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
    const reader = await this.platform.bus.consume({
      groupId: `test-${randomUUID()}`,
      topics: [Topics.demand],
      handler: async (m) => void this.published.push(JSON.parse(m.value) as EventEnvelope),
    });
    this.stopReader = () => reader.stop();
  }

  async stop(): Promise<void> {
    await this.stopReader?.();
    await this.platform.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  get store() {
    return this.platform.stores.get('demand')!;
  }

  token(role: 'enterprise' | 'expert' | 'operator' | 'analyst', sub: string, org?: string): Promise<string> {
    return this.platform.devIssuer.issue({ sub, role, ...(org ? { org } : {}) });
  }

  // Tests poke at arbitrary JSON shapes; typing each response would only restate the assertions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any; contentType: string | null }> {
    const r = await fetch(`${this.platform.services.get('demand')!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : undefined, contentType: r.headers.get('content-type') };
  }

  /** Waits until the topic holds an event of this type matching `where`. */
  async published1(type: string, where: (e: EventEnvelope) => boolean = () => true, timeoutMs = 5_000): Promise<EventEnvelope> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.published.find((e) => e.type === type && where(e));
      if (hit) return hit;
      if (Date.now() > until) throw new Error(`no ${type} on ${Topics.demand}; saw ${this.published.map((e) => e.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export const demandBody = (over: Record<string, unknown> = {}) => ({
  title: { zh: '低噪音压缩机', en: 'Low-noise compressor' },
  description: { en: 'A compressor under 30 dB for refrigerators.' },
  domain: 'smart-home',
  keywords: ['compressor', '降噪'],
  subProblems: [{ id: 'sp-1', title: { en: 'Vibration damping' }, capabilities: ['materials'] }],
  maturity: 'reduction-to-practice',
  trl: 5,
  reward: { kind: 'reward', amount: 50000, currency: 'CNY' },
  ipTerms: 'exclusive',
  deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  visibility: 'public',
  ...over,
});
