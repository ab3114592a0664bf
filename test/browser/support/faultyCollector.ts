import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCollector } from './collector.mjs';

export type Fault = 'none' | 'down' | 'error500' | 'rateLimited' | 'slow' | 'reset';

/** The demo collector behind a switch that can fail batches the ways real networks and servers do. */
export async function startFaultyCollector(options?: { privateKey?: string }) {
  const collector = createCollector(options);
  let fault: Fault = 'none';
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((request, response) => {
    const isBatch = request.method === 'POST' && request.url?.startsWith('/collect');
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Retry-After' };
    if (isBatch && fault === 'reset') return void request.socket.destroy();
    if (isBatch && fault === 'error500') return void response.writeHead(500, cors).end();
    if (isBatch && fault === 'rateLimited') return void response.writeHead(429, { ...cors, 'Retry-After': '1' }).end();
    const handle = () => void collector.handle(request, response).then((handled) => handled || response.writeHead(404).end());
    if (isBatch && fault === 'slow') setTimeout(handle, 1500);
    else handle();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // "Down": refuse service the way a dead host does, by dropping every connection at once.
    if (fault === 'down') socket.destroy();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    collector,
    setFault(next: Fault) {
      fault = next;
      if (next === 'down') for (const socket of sockets) socket.destroy();
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
