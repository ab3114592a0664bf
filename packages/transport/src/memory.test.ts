import { memoryTransport } from './memory';
import { testTransport } from './testTransport';

testTransport('memoryTransport', () => {
  const transport = memoryTransport();
  return { transport, received: async () => transport.events() };
});
