import { createEventMasker, EventType, type RecordedEvent } from '@lowlight/mask';
import { record } from '@rrweb/record';
import { describe, expect, it } from 'vitest';
import { recordDom, typeInto } from '../../../test/support/recordDom';
import { SPLIT_MARKUP, SPLIT_SECRETS } from '../../../test/support/splitValues';
import { readInlineRun } from './readInlineRun';

/** Masks rrweb's events as the recorder does, reading runs from the live jsdom page; returns the masked mutations. */
function maskWithPage(events: RecordedEvent[]): string {
  const masker = createEventMasker({ inlineRunOf: (id) => readInlineRun(record.mirror, id) });
  const masked = events.map((event) => masker.maskEvent(event));
  return JSON.stringify(masked.filter((event) => event?.type === EventType.IncrementalSnapshot));
}

describe('readInlineRun', () => {
  it('reads the inline run around a text node, cut where a nested block starts', async () => {
    await recordDom('<p id="p">Card <span>4111</span> <b id="b">1111</b><div>block</div><i>after</i></p>');
    const text = document.getElementById('b')!.firstChild!;
    const run = readInlineRun(record.mirror, record.mirror.getId(text));
    expect(run?.map((piece) => piece.text)).toEqual(['Card ', '4111', ' ', '1111']);
  });

  it('masks a value completed by a later mutation next to text sent earlier, and the earlier piece too', async () => {
    const events = await recordDom('<p><span id="a">4111 1111</span> <span id="b"></span></p>', (doc) => {
      doc.getElementById('b')!.textContent = '1111 1111';
    });
    const earlierId = record.mirror.getId(document.getElementById('a')!.firstChild!);
    const sent = maskWithPage(events);
    expect(sent).not.toContain('1111 1111');
    expect(sent).toContain(`{"id":${earlierId},"value":"**** ****"}`);
  });

  it('masks what the visitor typed where the page shows it back split over inline elements', async () => {
    const events = await recordDom('<input id="q"><p id="out"></p>', (doc) => {
      typeInto(doc.querySelector<HTMLInputElement>('#q')!, 'Jane Doe');
      doc.getElementById('out')!.innerHTML = 'Signed in as <b>Jane</b> <i>Doe</i>.';
    });
    const sent = maskWithPage(events);
    expect(sent).not.toMatch(/Jane|Doe/);
    expect(sent).toContain('Signed in as ');
  });

  it('masks an email whose domain is changed in later, beside its local part', async () => {
    const events = await recordDom('<p>Mail <span>alice.leak</span><span id="d">@</span></p>', (doc) => {
      (doc.getElementById('d')!.firstChild as Text).data = '@example.com';
    });
    expect(maskWithPage(events)).not.toMatch(/example\.com|"value":"@/);
  });

  it.each(SPLIT_MARKUP)('masks every piece when the block is added later: %s', async (markup) => {
    const events = await recordDom('<main id="m"></main>', (doc) => doc.querySelector('#m')!.insertAdjacentHTML('beforeend', markup));
    expect(maskWithPage(events)).not.toMatch(SPLIT_SECRETS);
  });

  it.each(SPLIT_MARKUP)('masks every piece when the inline content is set inside an existing block: %s', async (markup) => {
    const events = await recordDom('<p id="m">placeholder</p>', (doc) => {
      doc.querySelector('#m')!.innerHTML = markup.replace(/^<(p|div)>|<\/(p|div)>$/g, '');
    });
    expect(maskWithPage(events)).not.toMatch(SPLIT_SECRETS);
  });

});
