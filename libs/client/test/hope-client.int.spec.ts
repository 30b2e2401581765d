import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pointsClient } from '../src';

/** What the client puts on the wire, seen by a real HTTP server. */
describe('hopeClient: bearer token and correlation id on every request', () => {
  let server: Server;
  let baseUrl: string;
  const seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"period":"all","items":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => void seen.splice(0));

  it('sends the token (asked for each request) and a fresh correlation id per request by default', async () => {
    let n = 0;
    const client = pointsClient({ baseUrl, token: async () => `token-${++n}` });
    const first = await client.GET('/leaderboard', { params: { query: {} } });
    await client.GET('/leaderboard', { params: { query: {} } });
    expect(first.data).toEqual({ period: 'all', items: [] });
    expect(seen.map((h) => h.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
    const ids = seen.map((h) => h['x-correlation-id']);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(2);
  });

  it('keeps a fixed correlation id for a story, and a call may send its own headers instead', async () => {
    const client = pointsClient({ baseUrl, token: 'static', correlationId: 'story-42' });
    await client.GET('/leaderboard', { params: { query: {} } });
    await client.GET('/leaderboard', { params: { query: {} }, headers: { authorization: 'Bearer other', 'x-correlation-id': 'mine' } });
    expect(seen.map((h) => [h.authorization, h['x-correlation-id']])).toEqual([
      ['Bearer static', 'story-42'],
      ['Bearer other', 'mine'],
    ]);
  });

  it('sends no authorization header without a token (public routes)', async () => {
    await pointsClient({ baseUrl }).GET('/health/live');
    expect(seen[0]?.authorization).toBeUndefined();
    expect(seen[0]?.['x-correlation-id']).toBeDefined();
  });
});
