import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { demandClient, type ServiceName } from '@hope/client';
import { contractChecked, expectContractKept } from '@hope/client/testing';
import { Topics, type EventEnvelope } from '@hope/contracts';
import { startEmbeddedPlatform, type Clock, type EmbeddedPlatform, type ServiceDefinition } from '@hope/platform';
import { demandService } from '../src';

/** The demand service alone in embedded mode, with a test consumer on its topic and token helpers. */
export class DemandHarness {
  readonly published: EventEnvelope[] = [];
  private platform!: EmbeddedPlatform;
  private dir!: string;
  private stopReader?: () => Promise<void>;
  /** One consumer group across restarts, so a restart does not read the topic twice. */
  private readonly group = `test-${randomUUID()}`;

  constructor(private readonly options: { clock?: Clock; services?: readonly ServiceDefinition[] } = {}) {}

  async start(): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'hope-demand-'));
    await this.boot();
  }

  /** Starts (or, after `crash()`, restarts) the platform on the same data directory. */
  async boot(): Promise<void> {
    this.platform = await startEmbeddedPlatform({
      services: this.options.services ?? [demandService],
      dataDir: this.dir,
      freePorts: true,
      env: { LOG_LEVEL: 'silent' },
      ...(this.options.clock ? { clock: this.options.clock } : {}),
    });
    const reader = await this.platform.bus.consume({
      groupId: this.group,
      topics: [Topics.demand],
      handler: async (m) => void this.published.push(JSON.parse(m.value) as EventEnvelope),
    });
    this.stopReader = () => reader.stop();
  }

  /** Stops every service and adapter but keeps the data directory, as a crashed host would. */
  async crash(): Promise<void> {
    await this.stopReader?.();
    await this.platform.stop();
  }

  async stop(): Promise<void> {
    await this.crash();
    rmSync(this.dir, { recursive: true, force: true });
  }

  get running() {
    return this.platform;
  }

  /** A provider of a running service (a ScheduledJob to run by hand, say). */
  get<T>(service: string, type: new (...args: never[]) => T): T {
    return this.platform.services.get(service)!.app.app.get(type, { strict: false });
  }

  get store() {
    return this.platform.stores.get('demand')!;
  }

  token(role: 'enterprise' | 'expert' | 'operator' | 'analyst' | 'service', sub: string, org?: string): Promise<string> {
    return this.platform.devIssuer.issue({ sub, role, ...(org ? { org } : {}) });
  }

  /**
   * A token for an enterprise user who really acts for `org`: an operator registers the organisation
   * (idempotent; 409 = registered earlier under another name, fine here) and makes `sub` a member
   * first, as tenancy rests on membership, not on the token.
   */
  async enterprise(sub: string, org: string, kind: 'business-unit' | 'client' | 'sme' = 'client'): Promise<string> {
    const op = await this.token('operator', 'harness-operator');
    const registered = await this.call(op, 'POST', '/organisations', { organisationId: org, name: { en: org }, kind });
    if (![200, 201, 409].includes(registered.status)) throw new Error(`registering ${org}: ${registered.status} ${JSON.stringify(registered.body)}`);
    const added = await this.call(op, 'PUT', `/organisations/${org}/members/${sub}`);
    if (added.status !== 200) throw new Error(`adding ${sub} to ${org}: ${added.status} ${JSON.stringify(added.body)}`);
    return this.token('enterprise', sub, org);
  }

  // Tests poke at arbitrary JSON shapes; typing each response would only restate the assertions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, service: ServiceName = 'demand'): Promise<{ status: number; body: any; contentType: string | null }> {
    const r = await fetch(`${this.platform.services.get(service)!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    // Every answer is checked against the published document of the service it came from (status, schema, problem code, no extra field).
    expectContractKept(service, { method, path }, { status: r.status, contentType: r.headers.get('content-type') ?? '', body: text });
    return { status: r.status, body: text ? JSON.parse(text) : undefined, contentType: r.headers.get('content-type') };
  }

  /** Demand's generated client (libs/client) with this token: the published contract is the one tested. */
  client(token: string) {
    return contractChecked('demand', demandClient({ baseUrl: this.platform.services.get('demand')!.url, token }));
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
