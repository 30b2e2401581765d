import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The distributed specs each start a broker, Redis and four to five service processes. Two of them at
 * once on a 2-core CI machine starve each other (a broker restart then outlasts its test's waits), so
 * they take turns: a lock directory (mkdir is atomic) held from beforeAll to afterAll. The other jest
 * worker keeps running the light suites meanwhile. A lock whose holder died is taken over.
 */
const LOCK = join(tmpdir(), 'hope-heavy-spec.lock');
const OWNER = join(LOCK, 'pid');
const WAIT_MS = 15 * 60_000;

const holderAlive = (): boolean => {
  try {
    const pid = Number(readFileSync(OWNER, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function acquire(): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(OWNER, String(process.pid));
      return;
    } catch {
      // Held: wait, unless its holder is gone (a pid file is written right after mkdir; give it a moment).
      await new Promise((r) => setTimeout(r, 500));
      if (!holderAlive()) {
        await new Promise((r) => setTimeout(r, 500));
        if (!holderAlive()) rmSync(LOCK, { recursive: true, force: true });
      }
      if (Date.now() > deadline) throw new Error(`waited ${WAIT_MS / 60_000} min for ${LOCK}`);
    }
  }
}

function release(): void {
  if (holderAlive() && Number(readFileSync(OWNER, 'utf8')) === process.pid) rmSync(LOCK, { recursive: true, force: true });
}

/** Call first inside a heavy spec's describe: its hooks and tests run while no other heavy spec does. */
export function oneHeavySpecAtATime(): void {
  beforeAll(acquire, WAIT_MS + 60_000);
  afterAll(release);
}
