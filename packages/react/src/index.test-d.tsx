import type { JSX } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import { createRecorder, LowlightProvider, maskProps, useLowlight, type Recorder, type RecorderState } from '@lowlight/react';
import { memoryTransport } from '@lowlight/transport/memory';

describe('@lowlight/react public types', () => {
  it('re-exports the core and wraps an app in a provider', () => {
    const recorder = createRecorder({ transport: memoryTransport() });
    expectTypeOf(<LowlightProvider recorder={recorder}>app</LowlightProvider>).toEqualTypeOf<JSX.Element>();
    // @ts-expect-error: the provider needs a recorder
    void (<LowlightProvider>app</LowlightProvider>);
  });

  it('useLowlight gives the recorder and its state', () => {
    expectTypeOf(useLowlight).returns.toEqualTypeOf<{ recorder: Recorder; state: RecorderState }>();
  });

  it('maskProps spreads the mask mark onto an element', () => {
    expectTypeOf(maskProps).toEqualTypeOf<{ readonly 'data-ll-mask': '' }>();
    void (<p {...maskProps}>secret</p>);
  });
});
