// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { memoryTransport } from '@lowlight/transport/memory';
import { describe, expect, it } from 'vitest';
import { createRecorder, LowlightProvider, maskProps, useLowlight } from './index';

function Status() {
  const { state } = useLowlight();
  return <p {...maskProps}>secret ({state.status})</p>;
}

describe('@lowlight/react on the server', () => {
  it('renders with mask props in place and never starts the recorder', () => {
    expect(typeof window).toBe('undefined');
    const recorder = createRecorder({ transport: memoryTransport() });
    const html = renderToString(
      <LowlightProvider recorder={recorder}>
        <Status />
      </LowlightProvider>,
    );
    expect(html).toBe('<p data-ll-mask="">secret (<!-- -->idle<!-- -->)</p>');
    expect(recorder.getState().status).toBe('idle');
  });

  it('explains a hook used outside the provider', () => {
    expect(() => renderToString(<Status />)).toThrow(/inside <LowlightProvider>/);
  });
});
