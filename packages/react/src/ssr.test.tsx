// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { memoryTransport } from '@lowlight/transport/memory';
import { describe, expect, it } from 'vitest';
import { Blocked, createRecorder, LowlightProvider, Masked, maskProps, Unmasked, useLowlight } from './index';

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

  it('creates its own recorder from options and renders the mark components, touching no browser global', () => {
    // Node has no window, document or location: touching one would throw here.
    const html = renderToString(
      <LowlightProvider options={{ endpoint: 'https://collect.example.com/i/key' }}>
        <Masked as="span">name</Masked>
        <Blocked>card</Blocked>
        <Unmasked as="h1">title</Unmasked>
      </LowlightProvider>,
    );
    expect(html).toBe('<span data-ll-mask="">name</span><div data-ll-block="">card</div><h1 data-ll-unmask="">title</h1>');
  });

  it('explains a hook used outside the provider', () => {
    expect(() => renderToString(<Status />)).toThrow(/inside <LowlightProvider>/);
  });
});
