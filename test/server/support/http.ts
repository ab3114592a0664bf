/** A request as a test sends it, with headers browsers would not let a page set (Origin, Cookie). */
export async function request(url: string, init: { method?: string; body?: Buffer | string; headers?: Record<string, string> } = {}) {
  const response = await fetch(url, { method: init.method ?? 'POST', body: typeof init.body === 'string' || init.body === undefined ? init.body : new Uint8Array(init.body), headers: { 'content-type': 'text/plain;charset=UTF-8', ...init.headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}
