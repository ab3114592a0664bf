import { hkdfSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { deleteVisitor, exportVisitor, prune, startSweeper, type RightsContext } from './admin/rights';
import { tombstoneHasher } from './admin/tombstones';
import { buildServer } from './buildServer';
import { DEFAULT_HOST, DEFAULT_PORT, parseDuration, parsePort, storeOptions } from './config';
import { openStores, type OpenedStores } from './stores/openStores';
import { loadServerKey } from './stores/serverKey';
import type { IngestRateLimits } from './ingest/plugin';
import type { RateLimit } from './ingest/rateLimit';
import { hashPassword } from './users';

const USAGE = `Usage: lowlight-server <command> [options]

  start [--port 8787] [--host 127.0.0.1]      run the ingest server
  project create NAME [--origin URL]...       create a project, print its ingest endpoint
  user add EMAIL                              add a user; the password is read from standard input
  visitor delete ID [--project ID]            delete every session of a visitor
  visitor export ID [--project ID] [--out FILE]
  prune [--older-than 30d]                    delete sessions past retention

Every command takes --data DIR, --database postgres://… and --blobs s3://… (or LOWLIGHT_DATA,
LOWLIGHT_DATABASE_URL, LOWLIGHT_BLOBS). The rights API needs LOWLIGHT_ADMIN_TOKEN.`;

const STORE_FLAGS = {
  data: { type: 'string' },
  database: { type: 'string' },
  blobs: { type: 'string' },
} as const;

const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: Promise<unknown>;
}

/** Runs one command; returns the exit code. Errors are one line on stderr, naming the option or store. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === 'start') return await start(rest, io);
    if (command === 'project' && rest[0] === 'create') return await createProject(rest.slice(1), io);
    if (command === 'user' && rest[0] === 'add') return await addUser(rest.slice(1), io);
    if (command === 'visitor' && rest[0] === 'delete') return await visitorDelete(rest.slice(1), io);
    if (command === 'visitor' && rest[0] === 'export') return await visitorExport(rest.slice(1), io);
    if (command === 'prune') return await pruneCommand(rest, io);
    io.stderr.write(`${command && command !== 'help' && command !== '--help' ? `[lowlight] server: unknown command "${argv.slice(0, 2).join(' ')}"\n\n` : ''}${USAGE}\n`);
    return command === 'help' || command === '--help' ? 0 : 2;
  } catch (error) {
    io.stderr.write(`${oneLine(error)}\n`);
    return 1;
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0]!;
  return line.startsWith('[lowlight]') ? line : `[lowlight] server: ${line}`;
}

type Flags = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

/** parseArgs with the store flags, and errors that name the option. */
function parse<T extends Flags>(args: string[], flags: T, positionals: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...STORE_FLAGS, ...flags }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new Error(`[lowlight] server: ${(error as Error).message.replace(/\. To specify.*$/s, '')}`);
  }
  positionals.forEach((name, index) => {
    if (parsed.positionals[index] === undefined) throw new Error(`[lowlight] server: missing ${name}`);
  });
  if (parsed.positionals.length > positionals.length) throw new Error(`[lowlight] server: unexpected argument "${parsed.positionals[positionals.length]}"`);
  return { values: parsed.values as Record<string, string | string[] | boolean | undefined>, positionals: parsed.positionals };
}

interface Opened {
  stores: OpenedStores;
  /** The key for tombstone HMACs, derived from the server key so every instance and command agrees on it. */
  tombstoneSecret: Uint8Array;
  /** The key for the viewer's signed chunk URLs and device cookies, derived the same way. */
  viewerSecret: Uint8Array;
}

async function withStores<T>(values: Record<string, unknown>, env: NodeJS.ProcessEnv, use: (opened: Opened) => Promise<T>): Promise<T> {
  const options = storeOptions(values, env);
  const stores = await openStores(options);
  try {
    // openStores made the key if the data folder had none; this reads that same key.
    const serverKey = await loadServerKey({ configured: options.serverKey, dataDir: options.data });
    const derive = (info: string) => new Uint8Array(hkdfSync('sha256', serverKey, new Uint8Array(0), info, 32));
    return await use({ stores, tombstoneSecret: derive('lowlight/1 tombstone'), viewerSecret: derive('lowlight/1 viewer') });
  } finally {
    await stores.close();
  }
}

const rights = ({ stores, tombstoneSecret }: Opened): RightsContext => ({ stores, tombstoneHash: tombstoneHasher(tombstoneSecret), now: Date.now });

async function start(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { port: { type: 'string' }, host: { type: 'string' } }, []);
  const port = parsePort((values.port as string | undefined) ?? String(DEFAULT_PORT));
  const host = (values.host as string | undefined) ?? DEFAULT_HOST;
  return withStores(values, io.env, async (opened) => {
    const { viewerSecret, ...rest } = opened;
    const app = await buildServer({
      ...rest,
      // The replay viewer: logins on the metadata store's database and connection.
      viewer: { logins: opened.stores.logins, secret: viewerSecret },
      adminToken: io.env.LOWLIGHT_ADMIN_TOKEN || undefined,
      logger: { level: io.env.LOWLIGHT_LOG_LEVEL ?? 'info' },
      rateLimits: rateLimitsFromEnv(io.env),
    });
    const stopSweeper = startSweeper(rights(opened), SWEEP_INTERVAL_MS, (error) => app.log.error({ err: error }, 'retention sweep failed'));
    try {
      await app.listen({ port, host });
    } catch (error) {
      throw new Error(`[lowlight] server: cannot listen on ${host}:${port}: ${(error as Error).message}`);
    }
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    io.stdout.write(`Lowlight server listening on http://${host.includes(':') ? `[${host}]` : host}:${actualPort}\n`);
    await io.stopSignal;
    await app.close();
    await stopSweeper();
    return 0;
  });
}

/** `LOWLIGHT_RATE_PER_CLIENT` and `LOWLIGHT_RATE_PER_KEY`: batches per second (bursts of 5 and 2 seconds' worth). */
function rateLimitsFromEnv(env: NodeJS.ProcessEnv): Partial<IngestRateLimits> {
  const rate = (name: string, burstSeconds: number): RateLimit | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    const perSecond = Number(value);
    if (!(perSecond > 0)) throw new Error(`[lowlight] server: "${name}" must be a positive number of batches per second, got ${JSON.stringify(value)}`);
    return { perSecond, burst: perSecond * burstSeconds };
  };
  const perClient = rate('LOWLIGHT_RATE_PER_CLIENT', 5);
  const perKey = rate('LOWLIGHT_RATE_PER_KEY', 2);
  return { ...(perClient ? { perClient } : {}), ...(perKey ? { perKey } : {}) };
}

/** A page origin as browsers send it: scheme, host and port, nothing else. */
function checkOrigin(value: string): string {
  let origin: string | undefined;
  try {
    origin = new URL(value).origin;
  } catch {
    origin = undefined;
  }
  if (origin !== value || !/^https?:/.test(value)) {
    throw new Error(`[lowlight] server: "--origin" must be an origin like https://shop.example (scheme, host, optional port), got ${JSON.stringify(value)}`);
  }
  return value;
}

async function createProject(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { origin: { type: 'string', multiple: true }, url: { type: 'string' } }, ['NAME']);
  const origins = ((values.origin as string[] | undefined) ?? []).map(checkOrigin);
  const base = ((values.url as string | undefined) ?? io.env.LOWLIGHT_PUBLIC_URL ?? `http://${DEFAULT_HOST}:${DEFAULT_PORT}`).replace(/\/+$/, '');
  return withStores(values, io.env, async ({ stores }) => {
    const project = await stores.meta.createProject({ name: positionals[0]!, origins });
    io.stdout.write(`${base}/i/${project.ingestKey}\n`);
    return 0;
  });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function addUser(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {}, ['EMAIL']);
  const email = positionals[0]!;
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(`[lowlight] server: "EMAIL" must be an email address, got ${JSON.stringify(email)}`);
  const password = (await readAll(io.stdin)).replace(/\r?\n$/, '');
  if (password.length < 8) throw new Error('[lowlight] server: the password (read from standard input) must be at least 8 characters');
  const passwordHash = await hashPassword(password);
  return withStores(values, io.env, async ({ stores }) => {
    await stores.meta.createUser(email, passwordHash);
    io.stdout.write(`User ${email} saved\n`);
    return 0;
  });
}

async function visitorDelete(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { project: { type: 'string' } }, ['ID']);
  return withStores(values, io.env, async (opened) => {
    const { sessions } = await deleteVisitor(rights(opened), (values.project as string | undefined) ?? null, positionals[0]!);
    io.stdout.write(`Deleted ${sessions} session(s) of visitor ${JSON.stringify(positionals[0])}\n`);
    return 0;
  });
}

async function visitorExport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { project: { type: 'string' }, out: { type: 'string' } }, ['ID']);
  return withStores(values, io.env, async (opened) => {
    const json = `${JSON.stringify(await exportVisitor(rights(opened), (values.project as string | undefined) ?? null, positionals[0]!), null, 2)}\n`;
    if (values.out) await writeFile(values.out as string, json, { mode: 0o600 });
    else io.stdout.write(json);
    return 0;
  });
}

async function pruneCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { 'older-than': { type: 'string' } }, []);
  const olderThan = values['older-than'] as string | undefined;
  const options = olderThan === undefined ? {} : { olderThanMs: parseDuration('--older-than', olderThan) };
  return withStores(values, io.env, async (opened) => {
    io.stdout.write(`Deleted ${await prune(rights(opened), options)} session(s)\n`);
    return 0;
  });
}
