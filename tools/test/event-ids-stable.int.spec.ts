import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consultingAggregates } from '@hope/consulting';
import { demandAggregates } from '@hope/demand';
import { SqliteEventStore } from '@hope/eventstore';
import { AggregateHandler, handlerNameOf, type AnyAggregate } from '@hope/kernel';
import { matchingAggregates } from '@hope/matching';
import { probeAggregate } from '@hope/platform';
import { pointsAggregates } from '@hope/points';

/**
 * Event ids must never change: a store written by earlier code, handled again by today's, appends
 * nothing. `fixtures/commands-before-kernel.jsonl` was recorded by the whole test suite running on the
 * code before the kernel's aggregate handler existed (commit "Fixture: commands recorded before the
 * kernel"): per handler name, command type and stream kind, up to four commands that appended, each with
 * the stream it went to, its command id and the events (ids included) it wrote. Here each stream is
 * given those events, the command is handled again through the service's aggregate definition, and it
 * must be found a duplicate.
 */
interface Recorded {
  readonly handler: string;
  readonly commandId: string;
  readonly stream: string;
  readonly command: { readonly type: string; readonly data: unknown };
  readonly events: readonly { id: string; type: string; data: unknown }[];
}

const MARK = '\u0001id\u0001';
/** The aggregate id that `definition.streamOf` turns into `stream`, or undefined when it cannot. */
function idFor(definition: AnyAggregate, stream: string): string | undefined {
  const probe = String(definition.streamOf(MARK));
  if (!probe.includes(MARK)) return probe === stream ? MARK : undefined;
  const [prefix = '', suffix = ''] = probe.split(MARK);
  if (!stream.startsWith(prefix) || !stream.endsWith(suffix)) return undefined;
  const id = stream.slice(prefix.length, stream.length - suffix.length);
  return definition.streamOf(id) === stream ? id : undefined;
}

/**
 * Commands that gained a field since the recording, as today's callers send them. Reversing an
 * invitation's points was named by its call site (`points.reverse-inviter` / `-invitee`); today the
 * command says which side it reverses (`invitationSide`) and the name follows from it.
 */
const asSentToday = (r: Recorded): Recorded => {
  const side = /^points\.reverse-(inviter|invitee)$/.exec(r.handler)?.[1];
  return side && r.command.type === 'ReverseSource' ? { ...r, command: { ...r.command, data: { ...(r.command.data as object), invitationSide: side } } } : r;
};

/** The recording ran the whole suite, so it also caught the store library's own specs calling handlers named `test`, `a`, ... */
const madeByATest = (r: Recorded) => /^(test(\.|$)|[a-z]$)/.test(r.handler);

const recorded: Recorded[] = readFileSync(join(__dirname, 'fixtures/commands-before-kernel.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Recorded)
  .filter((r) => !madeByATest(r))
  .map(asSentToday);

const services: Record<string, () => readonly AnyAggregate[]> = {
  platform: () => ['demand', 'matching', 'consulting', 'points'].map(probeAggregate),
  points: () => pointsAggregates,
  consulting: () => consultingAggregates,
  demand: () => demandAggregates,
  matching: () => matchingAggregates(mkdtempSync(join(tmpdir(), 'hope-matching-keys-'))),
};

describe('event ids are stable: commands recorded before the kernel, handled again, append nothing', () => {
  let dir: string;
  let store: SqliteEventStore;
  const definitions = Object.values(services).flatMap((all) => all());
  const owner = (r: Recorded) =>
    definitions
      .filter((d) => Object.prototype.hasOwnProperty.call(d.handlerNames, r.command.type) && idFor(d, r.stream) !== undefined)
      .find((d) => handlerNameOf(d.handlerNames, r.command) === r.handler);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hope-ids-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    for (const r of recorded) await store.append(r.stream, r.events, { expectedRevision: 'any' });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the fixture covers every handler the suite ran then (at least 100 kinds of command)', () => {
    expect(new Set(recorded.map((r) => `${r.handler.replace(/[0-9a-f-]{36}/g, '<id>')}|${r.command.type}`)).size).toBeGreaterThanOrEqual(100);
  });

  it('every recorded command has an aggregate definition today with the same handler name', () => {
    const orphans = recorded.filter((r) => owner(r) === undefined).map((r) => `${r.handler} ${r.command.type} on ${r.stream}`);
    expect([...new Set(orphans)]).toEqual([]);
  });

  it('every recorded command handled again is a duplicate: nothing appended, its first events answered', async () => {
    const appendedAgain: string[] = [];
    for (const r of recorded) {
      const definition = owner(r);
      if (!definition) continue;
      const handler = new AggregateHandler(store, definition);
      const out = await handler.handle(idFor(definition, r.stream)!, r.command, { commandId: r.commandId });
      if (!out.duplicate || out.appended !== 0 || out.newEvents.length !== r.events.length) appendedAgain.push(`${r.handler} ${r.commandId} on ${r.stream}`);
    }
    expect(appendedAgain).toEqual([]);
  });
});
