import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import { consultingService } from '@hope/consulting';
import { demandService } from '@hope/demand';
import { matchingService } from '@hope/matching';
import { pointsService } from '@hope/points';
import { startEmbeddedPlatform, type ServiceDefinition } from '@hope/platform';

export const DOCUMENTED_SERVICES: readonly ServiceDefinition[] = [demandService, matchingService, consultingService, pointsService];

/**
 * Each service's OpenAPI document exactly as it serves it at /docs-json: the services are started in
 * this process (embedded, on a throwaway data directory, no port taken) and stopped again.
 */
export async function serviceDocuments(services: readonly ServiceDefinition[] = DOCUMENTED_SERVICES): Promise<Map<string, OpenAPIObject>> {
  const dir = mkdtempSync(join(tmpdir(), 'hope-openapi-'));
  const platform = await startEmbeddedPlatform({ services, dataDir: dir, freePorts: true, env: { LOG_LEVEL: 'silent' } });
  try {
    const documents = new Map<string, OpenAPIObject>();
    for (const [name, running] of platform.services) {
      const document = running.app.openApi;
      if (document === undefined) throw new Error(`${name} serves no OpenAPI document`);
      documents.set(name, JSON.parse(JSON.stringify(document)) as OpenAPIObject);
    }
    return documents;
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
