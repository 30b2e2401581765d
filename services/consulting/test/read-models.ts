import { collect } from '@hope/eventstore/testing';
import type { EmbeddedPlatform } from '@hope/platform';
import { consultingService } from '../src/consulting.service';

/** Every consulting read model rebuilt from position 0 must equal the live one (checksums). */
export const expectRebuildsEqualLive = async (platform: EmbeddedPlatform): Promise<void> => {
  const projections = platform.services.get('consulting')!.projections;
  const [last] = await collect(platform.stores.get('consulting')!.readAll({ direction: 'backwards', maxCount: 1 }));
  for (const { name } of consultingService.projections ?? []) {
    if (last) await projections.waitFor(last.position);
    const live = projections.checksum(name);
    await projections.rebuild(name);
    if (last) await projections.waitFor(last.position);
    expect({ name, checksum: projections.checksum(name) }).toEqual({ name, checksum: live });
  }
};
