import { loadPlatformConfig, TokenVerifier } from '@hope/platform';
import { composeEnvironments } from '../src/testing/deployed-env';
import { COMPOSE_DEV_SECRET, mintToken } from '../src/cli/token.command';

/** `npx hope token`: what deploy/README.md tells a developer to put in AUTH_SERVICE_TOKEN. */
describe('hope token', () => {
  it('mints a service token the compose stack accepts, alive for the 30 days it allows', async () => {
    const token = await mintToken({ secret: COMPOSE_DEV_SECRET, sub: 'service:compose', role: 'service', ttl: 30 * 86_400, issuer: 'hope', audience: 'hope' });
    const config = loadPlatformConfig(composeEnvironments({ HOPE_SERVICE_TOKEN: token }).points);
    // The CLI's default secret is the one docker-compose.yml sets.
    expect(config.auth.keys).toEqual({ kind: 'hs256', secret: COMPOSE_DEV_SECRET });
    await expect(new TokenVerifier(config.auth).verify(token)).resolves.toEqual({ subject: 'service:compose', role: 'service' });
  });

  it('refuses a missing or short secret', async () => {
    await expect(mintToken({ secret: 'short', sub: 's', role: 'service', ttl: 60, issuer: 'hope', audience: 'hope' })).rejects.toThrow(/at least 32 characters/);
  });
});
