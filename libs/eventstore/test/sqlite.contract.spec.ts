import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hope/eventstore';
import { describeEventStoreContract } from '@hope/eventstore/testing';

describeEventStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hope-es-contract-'));
  return {
    open: async () => SqliteEventStore.open({ file: join(dir, 'nested', 'test.events.sqlite'), pollIntervalMs: 50 }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
