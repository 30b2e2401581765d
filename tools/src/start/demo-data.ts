import type { EmbeddedPlatform } from '@hope/platform';

/**
 * Demo data for a fresh embedded run. Business demo data (organisations, demands, experts...) comes
 * with each service's features; for now it sends one pipeline probe so the relay -> bus -> consumer
 * path is visibly alive, and prints where to look.
 */
export async function seedDemoData(platform: EmbeddedPlatform, out: (line?: string) => void): Promise<void> {
  const demand = platform.services.get('demand');
  if (!demand) return;
  const token = await platform.devIssuer.issue({ sub: 'demo-seed', role: 'operator' }, 300);
  const response = await fetch(`${demand.url}/ops/probes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `demo-probe-${Date.now()}` },
    body: JSON.stringify({ note: 'npm start: demo probe' }),
  });
  if (!response.ok) {
    out(`Demo probe failed: HTTP ${response.status} ${await response.text()}`);
    return;
  }
  const { probeId } = (await response.json()) as { probeId: string };
  out(`Demo: a pipeline probe was sent from demand (id ${probeId}). Each other service records it once:`);
  for (const [name, s] of platform.services) {
    if (name !== 'demand') out(`  curl -H "Authorization: Bearer <operator token>" ${s.url}/ops/probes/${probeId}`);
  }
  out();
}
