import type { Command } from 'commander';

/**
 * `hope dlq list|replay`: the dead letters a running service recorded (GET /ops/dead-letters), and a
 * replay through its handler once the cause is fixed (POST /ops/dead-letters/{id}/replay).
 */
interface Target {
  readonly url: string;
  readonly token?: string;
}

async function ops(target: Target, method: 'GET' | 'POST', path: string): Promise<unknown> {
  if (!target.token) throw new Error('an operator token is needed: --token or HOPE_TOKEN');
  const base = target.url.replace(/\/$/, '');
  let r: Response;
  try {
    r = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${target.token}` } });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`cannot reach ${base}: ${cause?.code ?? cause?.message ?? String(error)}`);
  }
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

interface Letter {
  letterId: string;
  topic: string;
  eventType?: string;
  eventId?: string;
  status: string;
  recordedAt: string;
  error: string;
  lastReplayError?: string;
}

export function addDlqCommands(program: Command): void {
  const dlq = program.command('dlq').description("a service's dead letters: list them, replay one after fixing its cause");
  const target = (c: Command) =>
    c
      .requiredOption('--url <url>', 'the service, e.g. http://localhost:3004')
      .option('--token <jwt>', 'an operator token (default: $HOPE_TOKEN)', process.env.HOPE_TOKEN);

  target(dlq.command('list').description('dead letters, newest first'))
    .option('--all', 'replayed ones too (default: open only)')
    .option('--format <format>', 'table | json', 'table')
    .action(async (o: Target & { all?: boolean; format: string }) => {
      const letters: Letter[] = [];
      let before: number | undefined;
      do {
        const page = (await ops(o, 'GET', `/ops/dead-letters?limit=200${o.all ? '' : '&status=open'}${before !== undefined ? `&before=${before}` : ''}`)) as { items: Letter[]; next?: number };
        letters.push(...page.items);
        before = page.next;
      } while (before !== undefined);
      if (o.format === 'json') process.stdout.write(`${JSON.stringify(letters, null, 2)}\n`);
      else if (letters.length === 0) process.stdout.write('no dead letters\n');
      else console.table(letters.map(({ letterId, topic, eventType, status, recordedAt, error, lastReplayError }) => ({ letterId, topic, eventType, status, recordedAt, error: (lastReplayError ?? error).slice(0, 80) })));
      if (letters.some((l) => l.status === 'open')) process.exitCode = 1;
    });

  target(dlq.command('replay').description('run the handler again for one dead letter, or for every open one (--all-open)'))
    .argument('[letterId]', 'the letter to replay')
    .option('--all-open', 'replay every open letter, oldest first')
    .action(async (letterId: string | undefined, o: Target & { allOpen?: boolean }) => {
      const ids = letterId ? [letterId] : o.allOpen ? ((await ops(o, 'GET', '/ops/dead-letters?limit=200&status=open')) as { items: Letter[] }).items.map((l) => l.letterId).reverse() : [];
      if (ids.length === 0) throw new Error('name a letter id, or --all-open');
      let failed = 0;
      for (const id of ids) {
        try {
          await ops(o, 'POST', `/ops/dead-letters/${encodeURIComponent(id)}/replay`);
          process.stdout.write(`${id}: replayed\n`);
        } catch (error) {
          failed++;
          process.stdout.write(`${id}: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
      if (failed > 0) process.exitCode = 1;
    });
}
