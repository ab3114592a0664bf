// @vitest-environment node
import { memoryTransport } from '@lowlight/transport/memory';
import { createSSRApp, defineComponent, h, resolveDirective, withDirectives } from 'vue';
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

  it('puts the directives\' marks into the HTML, creating its recorder from options without touching a browser global', async () => {
    // Node has no window, document or location: touching one would throw here.
    const app = createSSRApp(
      defineComponent({
        setup: () => () => [
          withDirectives(h('p', 'name'), [[resolveDirective('ll-mask')!]]),
          withDirectives(h('div', 'card'), [[resolveDirective('ll-block')!]]),
          withDirectives(h('h1', 'title'), [[resolveDirective('ll-unmask')!]]),
        ],
      }),
    ).use(createLowlight({ options: { endpoint: 'https://collect.example.com/i/key' } }));
    expect(await renderToString(app)).toBe('<!--[--><p data-ll-mask>name</p><div data-ll-block>card</div><h1 data-ll-unmask>title</h1><!--]-->');
  });
});
