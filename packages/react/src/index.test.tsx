import { StrictMode } from 'react';
import { act, fireEvent, render } from '@testing-library/react';
import { memoryTransport } from '@lowlight/transport/memory';
import { describe, expect, it, vi } from 'vitest';
import { createRecorder, LowlightProvider, Masked, PAGEVIEW_EVENT, useLowlight, type Recorder } from './index';

function Status() {
  const { state } = useLowlight();
  return <span data-testid="status">{state.status}</span>;
}

/** Waits, inside act(), until the recorder records: start() loads rrweb first, which takes a while on a busy machine. */
const recording = (recorder: () => Recorder | undefined) =>
  act(() => vi.waitFor(() => expect(recorder()?.getState().status).toBe('recording')));

/** rrweb's full snapshot event type. */
const FULL_SNAPSHOT = 2;
const snapshots = (transport: ReturnType<typeof memoryTransport>) =>
  transport.events().filter((event) => event.type === FULL_SNAPSHOT);
const pageviews = (transport: ReturnType<typeof memoryTransport>) =>
  transport.events().filter((event) => (event.data as { tag?: string }).tag === PAGEVIEW_EVENT);

describe('@lowlight/react', () => {
  it('starts after mounting, shows live state, and stops on unmount', async () => {
    const transport = memoryTransport();
    const recorder = createRecorder({ transport });
    const view = render(
      <LowlightProvider recorder={recorder}>
        <Status />
      </LowlightProvider>,
    );
    await recording(() => recorder);
    expect(view.getByTestId('status').textContent).toBe('recording');
    view.unmount();
    expect(recorder.getState().status).toBe('stopped');
    await vi.waitFor(() => expect(snapshots(transport)).toHaveLength(1));
  });

  it('under StrictMode keeps one recorder, one snapshot and one pageview, and its stop sends every event', async () => {
    const transport = memoryTransport();
    const seen = new Set<Recorder>();
    function Spy() {
      seen.add(useLowlight().recorder);
      return <p id="spy">before</p>;
    }
    // The options form: the provider creates the recorder, and StrictMode runs its initializer and effects twice.
    const view = render(
      <StrictMode>
        <LowlightProvider options={{ transport }}>
          <Spy />
        </LowlightProvider>
      </StrictMode>,
    );
    await recording(() => [...seen][0]);
    expect(seen.size).toBe(1);
    document.querySelector('#spy')!.textContent = 'after the remount';
    await new Promise((resolve) => setTimeout(resolve, 50)); // lets rrweb's mutation observer report the change
    view.unmount();
    const recorder = [...seen][0]!;
    await vi.waitFor(() => expect(recorder.getState().status).toBe('stopped'));
    await recorder.flush();
    expect(snapshots(transport)).toHaveLength(1);
    expect(pageviews(transport)).toHaveLength(1);
    expect(JSON.stringify(transport.events())).toContain('after the remount');
  });

  it('destroys a recorder it made from options on unmount, closing its transport, and leaves one the app passed', async () => {
    const made = memoryTransport();
    const madeClose = vi.spyOn(made, 'close');
    // Under StrictMode the cleanup also runs between the two mounts: the transport must stay open through that.
    const view = render(
      <StrictMode>
        <LowlightProvider options={{ transport: made }}>
          <Status />
        </LowlightProvider>
      </StrictMode>,
    );
    await act(() => vi.waitFor(() => expect(view.getByTestId('status').textContent).toBe('recording')));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(madeClose).not.toHaveBeenCalled();
    view.unmount();
    await vi.waitFor(() => expect(madeClose).toHaveBeenCalledOnce());

    const passed = memoryTransport();
    const passedClose = vi.spyOn(passed, 'close');
    const recorder = createRecorder({ transport: passed });
    const other = render(<LowlightProvider recorder={recorder}><Status /></LowlightProvider>);
    await recording(() => recorder);
    other.unmount();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recorder.getState().status).toBe('stopped');
    expect(passedClose).not.toHaveBeenCalled();
  });

  it('follows consent given through the hook', async () => {
    const transport = memoryTransport();
    function ConsentBanner() {
      const { recorder, state } = useLowlight();
      return (
        <button type="button" onClick={() => void recorder.consent('granted')}>
          {state.status}
        </button>
      );
    }
    const view = render(
      <LowlightProvider options={{ transport, consent: 'pending' }}>
        <ConsentBanner />
      </LowlightProvider>,
    );
    const button = view.getByRole('button');
    await act(() => vi.waitFor(() => expect(button.textContent).toBe('waiting')));
    expect(transport.events()).toEqual([]);
    fireEvent.click(button);
    await act(() => vi.waitFor(() => expect(button.textContent).toBe('recording')));
    view.unmount();
    await vi.waitFor(() => expect(snapshots(transport)).toHaveLength(1));
  });

  it('does not start without autoStart, and leaves starting to the app', async () => {
    const recorder = createRecorder({ transport: memoryTransport() });
    const view = render(
      <LowlightProvider recorder={recorder} autoStart={false}>
        <Status />
      </LowlightProvider>,
    );
    expect(view.getByTestId('status').textContent).toBe('idle');
    await act(() => recorder.start());
    await recording(() => recorder);
    view.unmount();
    expect(recorder.getState().status).toBe('recording');
    await recorder.stop();
  });

  it('records the text inside <Masked> only as masked', async () => {
    const transport = memoryTransport();
    const view = render(
      <LowlightProvider options={{ transport }}>
        <Masked as="p" id="card" className="holder">
          Ada Lovelace
        </Masked>
        <Status />
      </LowlightProvider>,
    );
    expect(view.container.querySelector('#card')!.outerHTML).toBe('<p id="card" class="holder" data-ll-mask="">Ada Lovelace</p>');
    await act(() => vi.waitFor(() => expect(view.getByTestId('status').textContent).toBe('recording')));
    view.unmount();
    await vi.waitFor(() => expect(snapshots(transport)).toHaveLength(1));
    const recorded = JSON.stringify(transport.events());
    expect(recorded).not.toContain('Ada');
    expect(recorded).toContain('*** ********');
  });
});
