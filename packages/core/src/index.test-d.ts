import { describe, expectTypeOf, it } from 'vitest';
import {
  consent,
  createRecorder,
  flush,
  getRecorder,
  identify,
  optOut,
  start,
  stats,
  stop,
  type Consent,
  type LowlightPlugin,
  type Recorder,
  type RecorderState,
  type StartOptions,
  type TransportStats,
} from '@lowlight/core';
import { memoryTransport } from '@lowlight/transport/memory';

describe('@lowlight/core public types', () => {
  it('createRecorder needs a transport and returns a Recorder', () => {
    const recorder = createRecorder({ transport: memoryTransport(), privacy: 'strict', consent: 'pending' });
    expectTypeOf(recorder).toEqualTypeOf<Recorder>();
    // @ts-expect-error: a transport is required
    createRecorder({});
    // @ts-expect-error: not a privacy level
    createRecorder({ transport: memoryTransport(), privacy: 'loose' });
  });

  it('the lifecycle calls are async, pause is not, and stats are counters', () => {
    const recorder = createRecorder({ transport: memoryTransport() });
    expectTypeOf(recorder.start).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(recorder.stop).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(recorder.flush).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(recorder.pause).returns.toEqualTypeOf<void>();
    expectTypeOf(recorder.stats()).toEqualTypeOf<TransportStats>();
    expectTypeOf(recorder.getState()).toEqualTypeOf<RecorderState>();
  });

  it('subscribe and use return an unsubscribe function', () => {
    const recorder = createRecorder({ transport: memoryTransport() });
    expectTypeOf(recorder.subscribe((state) => expectTypeOf(state).toEqualTypeOf<RecorderState>())).toEqualTypeOf<() => void>();
    const plugin: LowlightPlugin = { name: 'acme/tag@1', processEvent: (event) => event };
    expectTypeOf(recorder.use(plugin)).toEqualTypeOf<() => void>();
    // @ts-expect-error: a plugin needs a name
    recorder.use({ processEvent: (event) => event });
  });

  it('consent takes only the three states', () => {
    expectTypeOf<Consent>().toEqualTypeOf<'granted' | 'pending' | 'denied'>();
    expectTypeOf(consent).parameter(0).toEqualTypeOf<Consent>();
    // @ts-expect-error: not a consent state
    void consent('maybe');
  });

  it('the convenience calls mirror the script tag', () => {
    expectTypeOf(start).parameter(0).toEqualTypeOf<StartOptions>();
    expectTypeOf(start).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(stop).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(flush).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(optOut).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(identify).toBeCallableWith('user-1', { plan: 'pro' });
    expectTypeOf(stats).returns.toEqualTypeOf<TransportStats>();
    expectTypeOf(getRecorder).returns.toEqualTypeOf<Recorder | undefined>();
    expectTypeOf<StartOptions>().toHaveProperty('endpoint').toEqualTypeOf<string | undefined>();
  });
});
