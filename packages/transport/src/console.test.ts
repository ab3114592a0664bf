import { afterEach, vi } from 'vitest';
import { consoleTransport } from './console';
import { testTransport } from './testTransport';

afterEach(() => vi.restoreAllMocks());

testTransport('consoleTransport', () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  return { transport: consoleTransport(), received: async () => log.mock.calls.flatMap((call) => call[2] as unknown[]) };
});
