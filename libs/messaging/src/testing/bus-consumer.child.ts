/**
 * A consumer in its own process, for the crash tests: the parent SIGKILLs it mid-stream. It appends the
 * value of every message it handled to a record file (synchronously, so the record survives the kill),
 * after a short pause that keeps it mid-stream long enough to be killed there.
 * Run with: node -r @swc-node/register bus-consumer.child.ts '<json ChildSpec>'
 */
import { appendFileSync } from 'node:fs';
import { BusConnection, connectBus } from './bus-under-test';

export interface ChildSpec {
  readonly connection: BusConnection;
  readonly topic: string;
  readonly groupId: string;
  readonly recordFile: string;
  readonly handleMs: number;
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as ChildSpec;
  const bus = await connectBus(spec.connection);
  await bus.consume({
    groupId: spec.groupId,
    topics: [spec.topic],
    handler: async (message) => {
      await new Promise((resolve) => setTimeout(resolve, spec.handleMs));
      appendFileSync(spec.recordFile, `${message.value}\n`);
    },
  });
  // Runs until killed.
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`bus consumer child failed: ${String(error)}\n`);
  process.exit(1);
});
