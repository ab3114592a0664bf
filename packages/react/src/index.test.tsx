import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { memoryTransport } from '@lowlight/transport/memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRecorder, LowlightProvider, useLowlight } from './index';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Status() {
  const { state } = useLowlight();
  return <span id="status">{state.status}</span>;
}

const container = document.createElement('div');
document.body.append(container);
afterEach(() => {
  container.innerHTML = '';
});

describe('@lowlight/react', () => {
  it('starts after mounting, shows live state, and stops on unmount', async () => {
    const transport = memoryTransport();
    const recorder = createRecorder({ transport });
    const root = createRoot(container);
    await act(async () => {
      root.render(
        <LowlightProvider recorder={recorder}>
          <Status />
        </LowlightProvider>,
      );
    });
    // start() loads rrweb first; on a busy machine that can take longer than any fixed pause.
    await act(() => vi.waitFor(() => expect(recorder.getState().status).toBe('recording')));
    expect(container.querySelector('#status')!.textContent).toBe('recording');
    await act(async () => root.unmount());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(recorder.getState().status).toBe('stopped');
    expect(transport.events().some((event) => event.type === 2)).toBe(true);
  });

});
