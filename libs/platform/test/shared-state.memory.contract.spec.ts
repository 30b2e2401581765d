import { MemorySharedState } from '@hope/platform';
import { ManualClock, describeSharedStateContract } from '@hope/platform/testing';

describeSharedStateContract('MemorySharedState', async () => {
  const clock = new ManualClock();
  const state = new MemorySharedState(clock);
  return {
    // One process, one map: every "replica" is the same instance.
    open: () => state,
    advanceTime: async (ms) => clock.advance(ms),
    dispose: () => state.close(),
  };
});
