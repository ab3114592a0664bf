import type { Plugin, ShallowRef } from 'vue';
import { describe, expectTypeOf, it } from 'vitest';
import { createLowlight, createRecorder, maskAttrs, useLowlight, type Recorder, type RecorderState } from '@lowlight/vue';
import { memoryTransport } from '@lowlight/transport/memory';

describe('@lowlight/vue public types', () => {
  it('re-exports the core and makes a Vue plugin from a recorder', () => {
    const recorder = createRecorder({ transport: memoryTransport() });
    expectTypeOf(createLowlight({ recorder })).toEqualTypeOf<Plugin>();
    expectTypeOf(createLowlight).toBeCallableWith({ recorder, autoStart: false });
    // @ts-expect-error: the plugin needs a recorder
    createLowlight({});
  });

  it('useLowlight gives the recorder and a read-only shallow ref of its state', () => {
    expectTypeOf(useLowlight).returns.toEqualTypeOf<{ recorder: Recorder; state: Readonly<ShallowRef<RecorderState>> }>();
  });

  it('maskAttrs binds the mask mark', () => {
    expectTypeOf(maskAttrs).toEqualTypeOf<{ readonly 'data-ll-mask': '' }>();
  });
});
