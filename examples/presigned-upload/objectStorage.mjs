// A stand-in for object storage, for the example's tests: presigns PUT URLs with an HMAC and keeps objects in memory.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

export async function startObjectStorage() {
  const secret = randomBytes(32);
  const objects = new Map();
  const sign = (key, expires) => createHmac('sha256', secret).update(`${key}:${expires}`).digest('hex');
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://storage.invalid');
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET, PUT' };
    if (request.method === 'OPTIONS') return void response.writeHead(204, cors).end();
    if (url.pathname === '/presign') {
      const key = url.searchParams.get('key') ?? '';
      const expires = Date.now() + 60_000;
      const upload = `${base}/objects/${encodeURIComponent(key)}?expires=${expires}&signature=${sign(key, expires)}`;
      return void response.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end(JSON.stringify({ url: upload }));
    }
    if (url.pathname.startsWith('/objects/') && request.method === 'PUT') {
      const key = decodeURIComponent(url.pathname.slice('/objects/'.length));
      const expires = Number(url.searchParams.get('expires'));
      const given = Buffer.from(url.searchParams.get('signature') ?? '', 'hex');
      const expected = Buffer.from(sign(key, expires), 'hex');
      if (expires < Date.now() || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return void response.writeHead(403, cors).end();
      }
      const chunks = [];
      for await (const chunk of request) chunks.push(chunk);
      objects.set(key, Buffer.concat(chunks));
      return void response.writeHead(200, cors).end();
    }
    response.writeHead(404, cors).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { presignEndpoint: `${base}/presign`, objects, close: () => new Promise((resolve) => server.close(resolve)) };
}
