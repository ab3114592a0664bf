import { memoryTransport } from '@lowlight/transport/memory';
import { createSSRApp, defineComponent, h, nextTick } from 'vue';
import { describe, expect, it } from 'vitest';
import { createLowlight, createRecorder, useLowlight } from './index';

const Status = defineComponent({
  setup() {
    const { state } = useLowlight();
    return () => h('span', { id: 'status' }, state.value.status);
  },
});

describe('@lowlight/vue', () => {
  it('provides the recorder and renders live state', async () => {
    const recorder = createRecorder({ transport: memoryTransport() });
    const app = createSSRApp(Status).use(createLowlight({ recorder, autoStart: false }));
    const host = document.createElement('div');
    document.body.append(host);
    app.mount(host);
    expect(host.textContent).toBe('idle');
    await recorder.start();
    await nextTick();
    expect(host.textContent).toBe('recording');
    app.unmount();
    await recorder.stop();
  });

  it('stops listening when the component scope is disposed', async () => {
    const recorder = createRecorder({ transport: memoryTransport() });
    let listeners = 0;
    const counting = { ...recorder, subscribe: (listener: Parameters<typeof recorder.subscribe>[0]) => {
      listeners++;
      const unsubscribe = recorder.subscribe(listener);
      return () => { listeners--; unsubscribe(); };
    } };
    const app = createSSRApp(Status).use(createLowlight({ recorder: counting, autoStart: false }));
    app.mount(document.createElement('div'));
    expect(listeners).toBe(1);
    app.unmount();
    expect(listeners).toBe(0);
  });
});
