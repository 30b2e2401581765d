import type { Command } from 'commander';

/**
 * The `hope import <what>` group: each importer adds its subcommand here, so `import experts` and
 * `import resources` live side by side whichever is registered first.
 */
export function importGroup(program: Command): Command {
  const existing = program.commands.find((c) => c.name() === 'import');
  if (existing) return existing;
  return program.command('import').description('bulk import into a running service: streams a file, prints progress on stderr and a report of rejected rows');
}
