import { describe, expect, it } from 'vitest';
import { recordDom } from '../../../test/support/recordDom';
import { SPLIT_MARKUP, SPLIT_SECRETS } from '../../../test/support/splitValues';
import { createEventMasker, type MaskOptions } from './createEventMasker';
import { EventType, IncrementalSource, NodeType, type RecordedEvent } from './rrweb';
import type { PrivacyLevel } from './types';

/** Masks a deep copy of rrweb's events and returns what would leave the page, as JSON. */
function maskedJson(events: RecordedEvent[], options?: MaskOptions): string {
  const masker = createEventMasker(options);
  return JSON.stringify(structuredClone(events).map((event) => masker.maskEvent(event)).filter(Boolean));
}

const LEVELS: PrivacyLevel[] = ['strict', 'balanced', 'relaxed'];

describe('createEventMasker: attributes that carry a document', () => {
  it('never records srcdoc, at load or on an iframe added later, at any level', async () => {
    const events = await recordDom('<iframe srcdoc="<p>srcdoc-at-load</p><input value=&quot;srcdoc-field-value&quot;>"></iframe>', (doc) => {
      const later = doc.createElement('iframe');
      later.setAttribute('srcdoc', '<b>srcdoc-added-later</b>');
      doc.body.append(later);
      doc.querySelector('iframe')!.setAttribute('srcdoc', '<i>srcdoc-changed</i>');
    });
    for (const level of LEVELS) expect(maskedJson(events, { level })).not.toMatch(/srcdoc-|srcdoc"/);
  });

  it('redacts attribute values that hold markup, at every level', async () => {
    const events = await recordDom(
      '<span title="a &lt; b">x</span><button data-content="<input value=\'markup-field-value\'>" data-plain="plain-attr">tip</button>',
      (doc) => doc.querySelector('span')!.setAttribute('data-html', '<b>markup-added-later</b>'),
    );
    for (const level of LEVELS) expect(maskedJson(events, { level })).not.toMatch(/markup-field-value|markup-added-later/);
    // A lone `<` is no markup.
    expect(maskedJson(events)).toContain('a < b');
    expect(maskedJson(events)).toContain('plain-attr');
  });

  it('redacts attribute values that hold serialized data, at every level', async () => {
    const page = JSON.stringify({ component: 'Account', props: { user: { name: 'Ada Dataname', city: 'Datatown' } } });
    const events = await recordDom(
      `<div id="app" data-page='${page}'></div><div x-data="{ user: { name: 'Alpine Dataname' } }">a</div>
       <i data-list='["List Dataname"]'></i><span title="[Draft] a title">t</span><b title="{name} wins">b</b>`,
      (doc) => doc.querySelector('i')!.setAttribute('data-react-props', '{"customer":"Later Dataname"}'),
    );
    for (const level of LEVELS) expect(maskedJson(events, { level })).not.toMatch(/Dataname|Datatown/);
    // Brackets alone are no data: a title may start with one.
    expect(maskedJson(events)).toContain('[Draft] a title');
    expect(maskedJson(events)).toContain('{name} wins');
  });

  it('empties data: URLs that are documents and javascript: URLs, and keeps raster images', async () => {
    const events = await recordDom(
      `<iframe src="data:text/html,<p>data-html-secret</p>"></iframe>
       <img src="data:image/svg+xml,<svg><text>data-svg-secret</text></svg>">
       <a href="javascript:send('js-url-secret')">go</a>
       <img src="data:image/png;base64,iVBORw0KGgo=">`,
    );
    for (const level of LEVELS) expect(maskedJson(events, { level })).not.toMatch(/data-html-secret|data-svg-secret|js-url-secret/);
    // `strict` empties every content URL anyway.
    expect(maskedJson(events, { level: 'balanced' })).toContain('data:image/png;base64,iVBORw0KGgo=');
    expect(maskedJson(events, { level: 'relaxed' })).toContain('data:image/png;base64,iVBORw0KGgo=');
  });
});

describe('createEventMasker: the value attribute outside form fields', () => {
  it('masks value on data, li, meter, progress, button, param and output by default, at every level', async () => {
    const events = await recordDom(
      `<data value="data-value-secret">Product</data><ol><li value="4711">one</li></ol><meter value="0.61"></meter>
       <progress value="37" max="100"></progress><button value="button-value-secret">Go</button>
       <object><param name="p" value="param-value-secret"></object><output value="output-value-secret"></output>`,
      (doc) => doc.querySelector('data')!.setAttribute('value', 'data-value-changed'),
    );
    for (const level of LEVELS) expect(maskedJson(events, { level })).not.toMatch(/value-secret|value-changed|(?<!\d)4711(?!\d)|0\.61|"37"/);
  });

  it('keeps the label of an input button, and records a value the site opted in', async () => {
    const events = await recordDom('<input type="submit" value="Send order"><data value="sku-123" data-ll-unmask>x</data>');
    const sent = maskedJson(events);
    expect(sent).toContain('Send order');
    expect(sent).toContain('sku-123');
  });
});

/** A full snapshot with `<p id=3>` holding a text node 4, then one mutation that marks and changes it. */
function markAndChange(order: Array<'adds' | 'texts' | 'attributes'>, mark: string): RecordedEvent[] {
  const snapshot: RecordedEvent = {
    type: EventType.FullSnapshot,
    timestamp: 1,
    data: {
      node: {
        type: NodeType.Document, id: 1, childNodes: [
          { type: NodeType.Element, id: 2, tagName: 'body', attributes: {}, childNodes: [
            { type: NodeType.Element, id: 3, tagName: 'p', attributes: {}, childNodes: [{ type: NodeType.Text, id: 4, textContent: 'before' }] },
          ] },
        ],
      },
      initialOffset: { top: 0, left: 0 },
    },
  };
  const lists = {
    attributes: [{ id: 3, attributes: { [mark]: '', title: 'title-changed-secret' } }],
    texts: [{ id: 4, value: 'text-changed-secret' }],
    adds: [{ parentId: 3, nextId: null, node: { type: NodeType.Element, id: 5, tagName: 'span', attributes: { title: 'added-title-secret' }, childNodes: [{ type: NodeType.Text, id: 6, textContent: 'added-text-secret' }] } }],
  };
  const data: Record<string, unknown> = { source: IncrementalSource.Mutation, removes: [] };
  for (const key of order) data[key] = lists[key];
  return [snapshot, { type: EventType.IncrementalSnapshot, timestamp: 2, data }];
}

const ORDERS: Array<Array<'adds' | 'texts' | 'attributes'>> = [
  ['adds', 'texts', 'attributes'], ['adds', 'attributes', 'texts'], ['texts', 'adds', 'attributes'],
  ['texts', 'attributes', 'adds'], ['attributes', 'adds', 'texts'], ['attributes', 'texts', 'adds'],
];

describe('createEventMasker: a mark and a change in one mutation', () => {
  it.each(ORDERS)('applies data-ll-mask before the text and attributes beside it (%s, %s, %s)', (...order) => {
    const sent = maskedJson(markAndChange(order, 'data-ll-mask'));
    expect(sent).not.toMatch(/changed-secret|added-text-secret|added-title-secret/);
    expect(sent).toContain('{"id":4,"value":"*******************"}');
  });

  it.each(ORDERS)('applies data-ll-block before the text and nodes beside it (%s, %s, %s)', (...order) => {
    expect(maskedJson(markAndChange(order, 'data-ll-block'))).not.toMatch(/changed-secret|added-text-secret|added-title-secret/);
  });

  it('masks a node added before the parent it is added under, whatever order the adds come in', () => {
    const [snapshot] = markAndChange([], 'data-ll-mask');
    const mutation: RecordedEvent = {
      type: EventType.IncrementalSnapshot,
      timestamp: 2,
      data: {
        source: IncrementalSource.Mutation, removes: [], texts: [], attributes: [],
        adds: [
          { parentId: 7, nextId: null, node: { type: NodeType.Text, id: 8, textContent: 'child-of-later-parent' } },
          { parentId: 3, nextId: null, node: { type: NodeType.Element, id: 7, tagName: 'div', attributes: { 'data-ll-mask': '' }, childNodes: [] } },
        ],
      },
    };
    const sent = maskedJson([snapshot!, mutation]);
    expect(sent).not.toContain('child-of-later-parent');
    expect(sent).toMatch(/"id":8,"textContent":"\*{21}"/);
  });
});

describe('createEventMasker: values split across inline elements', () => {
  // Later mutations are joined with the live page: see packages/core/src/readInlineRun.test.ts.
  it.each(SPLIT_MARKUP)('masks every piece in the first snapshot: %s', async (markup) => {
    const sent = maskedJson(await recordDom(markup));
    expect(sent).not.toMatch(SPLIT_SECRETS);
  });

  it('does not join text across blocks, so table cells of short numbers stay visible', async () => {
    const sent = maskedJson(await recordDom('<table><tr><td>1234</td><td>5678</td><td>9012</td></tr></table><p>4111</p><p>1111 1111 1111</p>'));
    expect(sent).toContain('"1234"');
    expect(sent).toContain('"9012"');
    expect(sent).toContain('"4111"');
  });

  it('treats an element styled display:inline as inline and one styled display:block as a block', async () => {
    const inline = maskedJson(await recordDom('<div><div style="display: inline">alice.leak@</div><div style="display:inline">example.com</div></div>'));
    expect(inline).not.toMatch(/alice|example\.com/);
    const block = maskedJson(await recordDom('<p><span style="display:block">Order 1234</span><span style="display:block">5678 9012</span></p>'));
    expect(block).toContain('Order 1234');
  });
});
