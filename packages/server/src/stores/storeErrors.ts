/** Short, actionable words for the errors a store meets when it cannot be reached. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  ETIMEDOUT: 'timed out',
  ECONNRESET: 'connection reset',
  EACCES: 'permission denied',
  ENOENT: 'no such file or folder',
};

function reasonOf(error: unknown): string {
  const { code, message, errors } = (error ?? {}) as { code?: string; message?: string; errors?: unknown[] };
  if (code && REASONS[code]) return REASONS[code];
  // Node reports a refused `localhost` (IPv6 and IPv4 tried) as an AggregateError with an empty message.
  if (Array.isArray(errors) && errors.length > 0) return reasonOf(errors[0]);
  return message || code || String(error);
}

/** `[lowlight] server: cannot open <store> "<where>": <reason>`, keeping the original as `cause`. */
export function storeError(store: 'database' | 'blob store' | 'data folder' | 'server key', where: string, error: unknown): Error {
  return new Error(`[lowlight] server: cannot open ${store} "${where}": ${reasonOf(error)}`, { cause: error });
}
