import { hkdfSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One secret, three keys: a leaked ref key cannot forge sessions or open manage links. */
export interface Keys {
  session: Uint8Array;
  ref: Uint8Array;
  /** 32 bytes: A256GCM for manage tokens. */
  manage: Uint8Array;
}

export function deriveKeys(secret: string): Keys {
  const derive = (purpose: string) =>
    new Uint8Array(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('bookwell'), Buffer.from(purpose), 32));
  return { session: derive('session-token'), ref: derive('time-ref'), manage: derive('manage-token') };
}

/**
 * BOOKWELL_SECRET when set; otherwise one generated at first start and kept in the data folder
 * (owner-only), so tokens and manage links survive a restart. Never printed.
 */
export async function loadSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env['BOOKWELL_SECRET'];
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('BOOKWELL_SECRET must be at least 32 characters');
    return fromEnv;
  }
  const file = join(dataDir, 'secret.key');
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored.length >= 32) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  await chmod(file, 0o600);
  return (await readFile(file, 'utf8')).trim();
}
