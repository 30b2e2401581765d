import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { RedisSharedState, type SharedState } from '@hope/platform';
import { describeSharedStateContract } from '@hope/platform/testing';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * Jest decides which suites exist synchronously, so reachability is probed in a child process:
 * a PING over a raw socket with a one-second budget.
 */
function redisAnswers(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `
    const s = require('node:net').connect(${Number(port || 6379)}, ${JSON.stringify(hostname)});
    s.setTimeout(1000, () => process.exit(1));
    s.on('error', () => process.exit(1));
    s.on('connect', () => s.write('PING\\r\\n'));
    s.on('data', (d) => process.exit(String(d).startsWith('+PONG') ? 0 : 1));`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 3000 }).status === 0;
}

const available = redisAnswers(REDIS_URL);

if (available) {
  describeSharedStateContract(`RedisSharedState (${REDIS_URL})`, async () => {
    const keyPrefix = `hope:test:${randomUUID()}:`;
    const clients: RedisSharedState[] = [];
    return {
      open: (): SharedState => {
        const client = new RedisSharedState({ url: REDIS_URL, keyPrefix, redis: { maxRetriesPerRequest: 1 } });
        clients.push(client);
        return client;
      },
      // Redis keeps real time; TTLs in the contract are short so sleeping is cheap.
      advanceTime: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      dispose: async () => {
        const first = clients[0];
        if (first !== undefined) {
          const keys = await first.client.keys(`${keyPrefix}*`);
          if (keys.length > 0) await first.client.del(...keys);
        }
        await Promise.all(clients.map((c) => c.close()));
      },
    };
  });
} else if (process.env['CI'] === 'true') {
  describe('SharedState contract: RedisSharedState', () => {
    it(`needs Redis at ${REDIS_URL} in CI`, () => {
      throw new Error(`Redis at ${REDIS_URL} did not answer PING; CI must run this suite against a real Redis`);
    });
  });
} else {
  describe.skip(`SharedState contract: RedisSharedState — SKIPPED: Redis at ${REDIS_URL} did not answer (CI=true makes this fail)`, () => {
    it('runs against a real Redis', () => undefined);
  });
  process.stderr.write(`[platform] Redis contract suite skipped: nothing answered PING at ${REDIS_URL}\n`);
}
