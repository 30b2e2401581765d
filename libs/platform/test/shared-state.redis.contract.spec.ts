import { randomUUID } from 'node:crypto';
import { RedisSharedState, type SharedState } from '@hope/platform';
import { describeSharedStateContract } from '@hope/platform/testing';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** The real Redis every machine of this project runs (127.0.0.1:6379; .ci/run makes sure it answers): no skip when it is missing, the suite fails. */
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
