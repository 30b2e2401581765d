import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEV_SECRET_FILE = 'dev-secret';

/**
 * The embedded platform's signing secret, kept in its data directory (created on first start, readable
 * by its owner only), so the dev tokens `npm start` prints and `hope token` mints survive a restart.
 * Never used outside dev auth mode; AUTH_DEV_SECRET overrides it.
 */
export function devSecretIn(dataDir: string, options: { create: boolean } = { create: true }): string | undefined {
  const file = join(dataDir, DEV_SECRET_FILE);
  if (!existsSync(file)) {
    if (!options.create) return undefined;
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
}
