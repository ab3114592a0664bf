import type { StoreOptions } from './stores/openStores';

export const DEFAULT_DATA = './lowlight-data';
export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_RETENTION_DAYS = 30;

/**
 * Where the stores are: options win over `LOWLIGHT_DATA`, `LOWLIGHT_DATABASE_URL` and `LOWLIGHT_BLOBS`; with
 * neither a database and a bucket, `./lowlight-data`. The server key only ever comes from `LOWLIGHT_SERVER_KEY`.
 */
export function storeOptions(options: Omit<StoreOptions, 'serverKey'>, env: NodeJS.ProcessEnv = process.env): StoreOptions {
  const database = options.database ?? env.LOWLIGHT_DATABASE_URL;
  const blobs = options.blobs ?? env.LOWLIGHT_BLOBS;
  const data = options.data ?? env.LOWLIGHT_DATA ?? (database && blobs ? undefined : DEFAULT_DATA);
  const serverKey = env.LOWLIGHT_SERVER_KEY;
  return { ...(data ? { data } : {}), ...(database ? { database } : {}), ...(blobs ? { blobs } : {}), ...(serverKey ? { serverKey } : {}) };
}

/** `30d`, `12h`, `90m` or a number of days → milliseconds. */
export function parseDuration(option: string, value: string): number {
  const match = /^(\d+)(d|h|m)?$/.exec(value);
  if (!match) throw new Error(`[lowlight] server: "${option}" must be a duration like 30d, 12h or 90m, got ${JSON.stringify(value)}`);
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[(match[2] ?? 'd') as 'd' | 'h' | 'm'];
  return Number(match[1]) * unit;
}

/** A TCP port, 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`[lowlight] server: "--port" must be a number from 0 to 65535, got ${JSON.stringify(value)}`);
  return port;
}
