import type { ServiceName } from '@hope/contracts';
import type { DevIssuer } from '../auth/dev-issuer';
import type { ServiceTokenSource, ServiceUrls } from './service-client';

/** HOPE_POINTS_URL, HOPE_DEMAND_URL...: how a service finds the others in distributed mode. */
export const urlsFromEnvironment: ServiceUrls = (service) => process.env[`HOPE_${service.toUpperCase()}_URL`];

/**
 * The caller's identity for calls between services. In dev mode the dev issuer mints a `service`
 * token (refreshed before it expires); otherwise AUTH_SERVICE_TOKEN carries one issued by the
 * identity provider (mounted from a secret, rotated with the JWT keys).
 */
export function serviceTokens(service: ServiceName, devIssuerOf: () => DevIssuer | undefined): ServiceTokenSource {
  let cached: { token: string; until: number } | undefined;
  return async () => {
    const devIssuer = devIssuerOf();
    if (devIssuer) {
      if (!cached || cached.until < Date.now()) {
        cached = { token: await devIssuer.issue({ sub: `service:${service}`, role: 'service' }, 3600), until: Date.now() + 3_000_000 };
      }
      return cached.token;
    }
    const token = process.env.AUTH_SERVICE_TOKEN;
    if (!token) throw new Error('AUTH_SERVICE_TOKEN is not set: this service cannot call the others');
    return token;
  };
}
