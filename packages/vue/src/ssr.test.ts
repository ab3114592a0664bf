// @vitest-environment node
import { memoryTransport } from '@lowlight/transport/memory';
import { createSSRApp, defineComponent, h } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { describe, expect, it } from 'vitest';
import { createLowlight, createRecorder, maskAttrs, useLowlight } from './index';

describe('@lowlight/vue on the server', () => {
  it('renders with autoStart on, mask attributes in place, and the recorder idle', async () => {
    expect(typeof window).toBe('undefined');
    const recorder = createRecorder({ transport: memoryTransport() });
    const app = createSSRApp(
      defineComponent({
        setup() {
          const { state } = useLowlight();
          return () => h('p', maskAttrs, `secret (${state.value.status})`);
        },
      }),
    ).use(createLowlight({ recorder }));
    expect(await renderToString(app)).toBe('<p data-ll-mask>secret (idle)</p>');
    expect(recorder.getState().status).toBe('idle');
  });
});
