/**
 * What a request log line holds: method, the route pattern and the request id.
 * Never the client's address or port, its headers (`X-Forwarded-For`, `Cookie`,
 * `Authorization`), nor the concrete URL (it carries the ingest key and ids).
 */
export function serializeRequest(request: { method: string; id: string; routeOptions?: { url?: string } }): Record<string, unknown> {
  return { method: request.method, route: request.routeOptions?.url ?? 'unmatched', id: request.id };
}

export function serializeResponse(reply: { statusCode: number }): Record<string, unknown> {
  return { statusCode: reply.statusCode };
}

/** Where logs go and how much: `false` for none (tests, the CLI), else pino's level and an optional destination stream. */
export type LoggerOptions = false | { level?: string; stream?: NodeJS.WritableStream };

/** Fastify's logger settings with the IP-free serializers. */
export function loggerConfig(options: LoggerOptions | undefined) {
  if (options === false) return false;
  return {
    level: options?.level ?? 'info',
    ...(options?.stream ? { stream: options.stream } : {}),
    serializers: { req: serializeRequest, res: serializeResponse },
  };
}
