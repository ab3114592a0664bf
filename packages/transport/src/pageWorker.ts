/**
 * The one worker Lowlight starts in a page, shared by the compressor and the fetch transport: it gzips batches
 * and POSTs them off the page's main thread. In Chromium both run on the thread that starts them: a 1 MB
 * snapshot's `CompressionStream` blocks the page for tens of milliseconds, and POSTing a 110 KB batch cost the
 * page's main thread 15 ms against 0.5 ms from a worker (docs/benchmarks.md).
 */

/** How every batch is POSTed, from the page or from the worker alike (`fetchTransport` says why each). */
export const POST_INIT = {
  method: 'POST',
  headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
  credentials: 'omit',
  referrerPolicy: 'no-referrer',
} as const;

/**
 * The whole worker. `[id, json]` answers `[id, [gzipped]]`; `[id, body, url]` POSTs and answers
 * `[id, [status, Retry-After]]`; `[id, undefined]` when the work failed there (a network error too). It takes a batch
 * as a string and encodes it to UTF-8 itself: posting a string costs the page a third of encoding and
 * posting the bytes.
 */
const workerSource = (): string =>
  `onmessage=async({data:[i,b,u]})=>{let a;try{a=u?await fetch(u,{...${JSON.stringify(POST_INIT)},body:b}).then(r=>[r.status,r.headers.get('Retry-After')]):[await new Response(new Response(b).body.pipeThrough(new CompressionStream('gzip'))).arrayBuffer()]}catch{}postMessage([i,a])}`;

// undefined: not started; null: unavailable here, everything is done in the page.
let worker: Worker | null | undefined;
const waiting = new Map<number, (answer?: unknown[]) => void>();
let nextId = 0;

/** Ends the worker; what still waits on it is done in the page. */
function end(next: null | undefined): void {
  worker?.terminate();
  worker = next;
  for (const done of waiting.values()) done();
  waiting.clear();
}

function startWorker(): Worker | null {
  try {
    // No MIME type needed: a classic worker's script is only checked for one when fetched over HTTP(S).
    const url = URL.createObjectURL(new Blob([workerSource()]));
    const started = new Worker(url);
    URL.revokeObjectURL(url);
    started.onmessage = ({ data: [id, answer] }: MessageEvent<[number, unknown[]?]>) => {
      waiting.get(id)?.(answer);
      waiting.delete(id);
    };
    // Blocked by a policy (a Content-Security-Policy without `blob:` workers), or broken: from now on, in the page.
    started.onerror = () => end(null);
    return started;
  } catch {
    return null;
  }
}

/**
 * Asks the page's worker, starting it if needed, to gzip `json` (`[json]`) or to POST `body` to `url`
 * (`[body, url]`, the body copied). Resolves its answer (`[gzipped]`, `[status, retryAfter]`), or undefined
 * when it cannot: no worker in this page, the work failed there, or the worker was ended meanwhile. The
 * caller then does it in the page.
 */
export function askPageWorker(message: [json: string] | [body: Uint8Array, url: string]): Promise<unknown[] | undefined> {
  // Not `??=`: null (unavailable) must stay null, not start a worker per batch that a policy blocks each time.
  if (worker === undefined) worker = typeof Worker === 'function' ? startWorker() : null;
  if (!worker) return Promise.resolve(undefined);
  const id = nextId++;
  const answer = new Promise<unknown[] | undefined>((resolve) => waiting.set(id, resolve));
  worker.postMessage([id, ...message]);
  return answer;
}

/**
 * Ends the page's worker, when a transport closes: what waits on it is done in the page, and the next question
 * starts it again (another transport still open pays one start).
 */
export const endPageWorker = (): void => end(undefined);
