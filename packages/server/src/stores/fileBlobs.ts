import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { assertBlobKey, assertBlobPrefix } from './blobKeys';
import type { BlobStore } from './types';

const isMissing = (error: unknown) => (error as { code?: string }).code === 'ENOENT';

/** Writes to a hidden temporary file beside the target, flushes it, then renames it into place. */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${randomBytes(8).toString('hex')}.tmp`);
  const file = await open(temporary, 'wx', 0o600);
  try {
    await file.writeFile(bytes);
    await file.datasync();
  } finally {
    await file.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Blobs as files under `root`, one per key (`root/{project}/{session}/{chunk}`).
 * A reader sees a whole file or none; temporary files are hidden (dot names,
 * which no key may have) and never listed.
 */
export async function openFileBlobStore(root: string): Promise<BlobStore> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  const pathOf = (key: string) => join(root, ...key.split('/'));

  return {
    async put(key, bytes) {
      assertBlobKey(key);
      await writeAtomically(pathOf(key), bytes);
    },
    async get(key) {
      assertBlobKey(key);
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async list(prefix) {
      assertBlobPrefix(prefix, { allowEmpty: true });
      const dir = prefix ? pathOf(prefix.slice(0, -1)) : root;
      try {
        const entries = await readdir(dir, { recursive: true, withFileTypes: true });
        return entries
          .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
          .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
          .sort();
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    },
    async deletePrefix(prefix) {
      assertBlobPrefix(prefix);
      await rm(pathOf(prefix.slice(0, -1)), { recursive: true, force: true });
    },
    async close() {},
  };
}
