/** Small helpers for bus tests: unique names, waiting on a condition, recording what a handler saw. */
import { randomBytes } from 'node:crypto';
import { IncomingMessage, MessageHandler } from '../bus/bus.port';

/** Topic and group names unique per test, so tests sharing one broker never see each other's messages. */
export const uniqueName = (prefix: string): string => `${prefix}.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 20_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every delivery a handler received, in order, with the member that handled it. */
export class Deliveries {
  readonly all: (IncomingMessage & { readonly member: string })[] = [];

  handler(member = 'member', then?: MessageHandler): MessageHandler {
    return async (message) => {
      if (then) await then(message);
      this.all.push({ ...message, member });
    };
  }

  values(): string[] {
    return this.all.map((m) => m.value);
  }

  distinctValues(): Set<string> {
    return new Set(this.values());
  }

  byKey(): Map<string, string[]> {
    const result = new Map<string, string[]>();
    for (const m of this.all) result.set(m.key, [...(result.get(m.key) ?? []), m.value]);
    return result;
  }
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((ok) => (resolve = ok));
  return { promise, resolve };
}
