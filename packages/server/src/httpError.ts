/** An error the client caused or must wait for, answered as one line of JSON: `{"error": message, "code": code}`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Seconds, sent as `Retry-After` (429 and 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** Throws a 400 with `code` unless `condition` holds. */
export function check(condition: unknown, code: string, message: string): asserts condition {
  if (!condition) throw new HttpError(400, code, message);
}
