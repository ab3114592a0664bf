import { memoryTransport } from '@lowlight/transport/memory';
import { createApp, defineComponent, h, nextTick, resolveDirective, withDirectives, type Component } from 'vue';
import { describe, expect, it, vi } from 'vitest';
import { createLowlight, createRecorder, useLowlight, type LowlightVueOptions } from './index';

const Status = defineComponent({
  setup() {
    const { state } = useLowlight();
    return () => h('span', { id: 'status' }, state.value.status);
  },
});

/** Mounts `root` with the plugin into a fresh, empty host, as a client-only app does. */
function mount(root: Component, options: LowlightVueOptions) {
  const host = document.createElement('div');
  document.body.append(host);
  const app = createApp(root).use(createLowlight(options));
  app.mount(host);
  return { app, host };
}

/** rrweb's full snapshot event type. */
const FULL_SNAPSHOT = 2;
const snapshots = (transport: ReturnType<typeof memoryTransport>) =>
  transport.events().filter((event) => event.type === FULL_SNAPSHOT);

describe('@lowlight/vue', () => {
  it('provides the recorder and renders live state', async () => {
    const recorder = createRecorder({ transport: memoryTransport() });
    const { app, host } = mount(Status, { recorder, autoStart: false });
    expect(host.textContent).toBe('idle');
    await recorder.start();
    await nextTick();
    expect(host.textContent).toBe('recording');
    app.unmount();
    expect(recorder.getState().status).toBe('recording'); // the app started it, so the app stops it
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
    const { app } = mount(Status, { recorder: counting, autoStart: false });
    expect(listeners).toBe(1);
    app.unmount();
    expect(listeners).toBe(0);
  });

  it('starts in the browser, records directive-marked text only as masked, and stops when the app unmounts', async () => {
    const transport = memoryTransport();
    const Page = defineComponent({
      setup() {
        const { recorder } = useLowlight();
        return () => [
          withDirectives(h('p', { id: 'name' }, 'Ada Lovelace'), [[resolveDirective('ll-mask')!]]),
          withDirectives(h('div', { id: 'card' }, '4000 0566 5566 5556'), [[resolveDirective('ll-block')!]]),
          withDirectives(h('h1', { id: 'title' }, 'Orders'), [[resolveDirective('ll-unmask')!]]),
          h('span', { id: 'status' }, recorder.getState().status),
        ];
      },
    });
    const { app, host } = mount(Page, { options: { transport } });
    expect(host.querySelector('#name')!.getAttribute('data-ll-mask')).toBe('');
    expect(host.querySelector('#card')!.getAttribute('data-ll-block')).toBe('');
    expect(host.querySelector('#title')!.getAttribute('data-ll-unmask')).toBe('');
    // The recorder is the one the plugin created; reach it through a child's composable.
    let recorder!: ReturnType<typeof useLowlight>['recorder'];
    app.runWithContext(() => ({ recorder } = useLowlight()));
    await vi.waitFor(() => expect(recorder.getState().status).toBe('recording'));
    app.unmount();
    await vi.waitFor(() => expect(recorder.getState().status).toBe('stopped'));
    await vi.waitFor(() => expect(snapshots(transport)).toHaveLength(1));
    const recorded = JSON.stringify(transport.events());
    expect(recorded).toContain('*** ********');
    expect(recorded).not.toContain('Ada');
    expect(recorded).not.toContain('5566 5556'); // the whole number: timestamps may hold any four digits
  });

  it('follows consent given through the composable', async () => {
    const transport = memoryTransport();
    let grant!: () => Promise<void>;
    const Banner = defineComponent({
      setup() {
        const { recorder, state } = useLowlight();
        grant = () => recorder.consent('granted');
        return () => h('span', state.value.status);
      },
    });
    const { app, host } = mount(Banner, { options: { transport, consent: 'pending' } });
    await vi.waitFor(async () => {
      await nextTick();
      expect(host.textContent).toBe('waiting');
    });
    await grant();
    await vi.waitFor(async () => {
      await nextTick();
      expect(host.textContent).toBe('recording');
    });
    app.unmount();
    await vi.waitFor(() => expect(snapshots(transport)).toHaveLength(1));
  });
});
