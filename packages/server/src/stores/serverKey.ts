import { randomBytes } from 'node:crypto';
import { link, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { storeError } from './storeErrors';

const KEY_BYTES = 32;
const KEY_FILE = 'server.key';

function decodeKey(text: string, source: string): Uint8Array {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text.trim())) {
    throw new Error(`[lowlight] server: ${source} must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32), got ${key.length} bytes`);
  }
  return new Uint8Array(key);
}

/** Reads the data folder's key file, refusing one that others can read: it unlocks every recording. */
async function readKeyFile(path: string): Promise<Uint8Array> {
  const { mode } = await stat(path);
  if (mode & 0o077) throw new Error(`[lowlight] server: "${path}" must be readable by its owner only (chmod 600), got mode ${(mode & 0o777).toString(8)}`);
  return decodeKey(await readFile(path, 'utf8'), `"${path}"`);
}

/**
 * The server key that wraps every session's data key: `LOWLIGHT_SERVER_KEY`
 * (base64, 32 bytes) when configured, else `server.key` in the data folder,
 * generated there with mode 0600 at first start. Several instances sharing
 * PostgreSQL and S3 have no shared folder, so they must configure it.
 */
export async function loadServerKey(options: { configured?: string; dataDir?: string }): Promise<Uint8Array> {
  if (options.configured !== undefined) return decodeKey(options.configured, '"LOWLIGHT_SERVER_KEY"');
  if (options.dataDir === undefined) {
    throw new Error('[lowlight] server: "LOWLIGHT_SERVER_KEY" is required when there is no --data folder to keep a generated key in');
  }
  const path = join(options.dataDir, KEY_FILE);
  // Written whole to a temporary file, then linked into place: link() fails if the key exists, so when two
  // processes start at once one key wins and neither reads a half-written file.
  const temporary = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, randomBytes(KEY_BYTES).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    await link(temporary, path);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EEXIST') throw storeError('server key', path, error);
  } finally {
    await rm(temporary, { force: true });
  }
  return readKeyFile(path);
}
