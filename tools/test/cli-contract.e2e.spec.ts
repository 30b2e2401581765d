import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pointsService } from '@hope/points';
import { DEV_SECRET_FILE, startEmbeddedPlatform } from '@hope/platform';

const hope = (...args: string[]) => spawnSync(process.execPath, [resolve(__dirname, '../bin/hope.js'), ...args], { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'silent' } });

/** What scripts rely on: --version, exit codes 0 clean / 1 findings / 2 error, no silent empty store, dev tokens that outlive a restart. */
describe('hope CLI contract', () => {
  jest.setTimeout(60_000);
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'hope-cli-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--version prints the version; a typo in --service or --data-dir is an error (exit 2), never an empty export', () => {
    expect(hope('--version')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    const typo = hope('export', '--service', 'pionts', '--out', join(dir, 'x.jsonl'));
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/Allowed choices are demand, matching, consulting, points/);
    const missing = hope('export', '--service', 'points', '--out', join(dir, 'x.jsonl'), '--data-dir', join(dir, 'nowhere'));
    expect(missing).toMatchObject({ status: 2, stderr: expect.stringMatching(/no points store at .*nowhere/) });
    expect(hope('dlq', 'list', '--url', 'http://127.0.0.1:9', '--token', 't')).toMatchObject({ status: 2, stderr: expect.stringMatching(/cannot reach http:\/\/127\.0\.0\.1:9/) });
  });

  it('hope token mints a token the embedded platform accepts, also after a restart (the dev secret is kept in the data directory)', async () => {
    expect(hope('token', '--role', 'operator', '--sub', 'sre-1', '--data-dir', dir)).toMatchObject({ status: 2, stderr: expect.stringMatching(/no dev secret/) });
    for (let start = 0; start < 2; start++) {
      const platform = await startEmbeddedPlatform({ services: [pointsService], dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
      try {
        expect(statSync(join(dir, DEV_SECRET_FILE)).mode & 0o077).toBe(0);
        const minted = hope('token', '--role', 'enterprise', '--sub', 'buyer-1', '--org', 'org-a', '--data-dir', dir);
        expect(minted.status).toBe(0);
        const token = minted.stdout.trim();
        const r = await fetch(`${platform.services.get('points')!.url}/ops/projections`, { headers: { authorization: `Bearer ${hope('token', '--role', 'operator', '--sub', 'sre-1', '--data-dir', dir).stdout.trim()}` } });
        expect(r.status).toBe(200);
        // The enterprise token is a valid token (403 for an ops route is about the role, not the signature).
        expect((await fetch(`${platform.services.get('points')!.url}/ops/projections`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
      } finally {
        await platform.stop();
      }
    }
  });
});
