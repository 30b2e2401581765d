import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectBus, describeBusContract, Deliveries, uniqueName, waitFor } from '@hope/messaging/testing';
import { InProcessBus } from '../src/bus/in-process/in-process.bus';

// A file, not :memory:, so the crash test's child process opens the same log.
async function openInProcessBus() {
  const dir = mkdtempSync(join(tmpdir(), 'hope-bus-'));
  const connection = { adapter: 'in-process' as const, file: join(dir, 'bus.sqlite') };
  const bus = await connectBus(connection);
  return {
    bus,
    connection,
    dispose: async () => {
      await bus.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeBusContract('in-process (SQLite)', openInProcessBus);

describe('InProcessBus', () => {
  it('keeps committed offsets and unconsumed messages across closing and reopening the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hope-bus-'));
    const file = join(dir, 'bus.sqlite');
    const topic = uniqueName('t');
    const groupId = uniqueName('g');
    try {
      const before = await InProcessBus.open({ file });
      await before.publish(topic, ['a', 'b', 'c'].map((value) => ({ key: 'k', value })));
      const first = new Deliveries();
      await before.consume({ groupId, topics: [topic], handler: first.handler() });
      await waitFor('three messages', () => first.all.length >= 3);
      await before.close();

      const after = await InProcessBus.open({ file });
      await after.publish(topic, [{ key: 'k', value: 'd' }]);
      const second = new Deliveries();
      await after.consume({ groupId, topics: [topic], handler: second.handler() });
      await waitFor('the new message', () => second.all.length >= 1);
      await after.close();
      expect(second.values()).toEqual(['d']);
      expect(second.all[0]?.offset).toBe('3');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps a message published before anyone consumes, for a group created later (earliest)', async () => {
    const bus = await InProcessBus.open({ file: ':memory:' });
    const topic = uniqueName('t');
    await bus.publish(topic, [{ key: 'k', value: 'early' }]);
    const seen = new Deliveries();
    await bus.consume({ groupId: uniqueName('g'), topics: [topic], handler: seen.handler() });
    await waitFor('the early message', () => seen.all.length >= 1);
    await bus.close();
    expect(seen.values()).toEqual(['early']);
  });
});
