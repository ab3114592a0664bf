/**
 * `@lowlight/transport/testing`: the conformance suite Lowlight's own transports
 * run, for your adapters. ESM only; needs `vitest` installed.
 */
export { testSession, testTransport } from './testTransport';
export type { TransportUnderTest } from './testTransport';
