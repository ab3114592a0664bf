import { createEventMasker, EventType } from '@lowlight/mask';
import { record } from '@rrweb/record';
import { describe, expect, it } from 'vitest';
import { recordDom } from '../../../test/support/recordDom';
import { readInlineRun } from './readInlineRun';
import { readTextsBefore } from './readTextsBefore';

describe('readTextsBefore', () => {
  it('reads the non-blank texts before a text node in document order, from the live page', async () => {
    await recordDom('<h3>Recovery <b>codes</b></h3>\n  <ol><li>a1</li>\n<li id="last">b2</li></ol>');
    const last = document.getElementById('last')!.firstChild!;
    expect(readTextsBefore(record.mirror, record.mirror.getId(last))).toEqual(['Recovery ', 'codes', 'a1']);
    expect(readTextsBefore(record.mirror, record.mirror.getId(document.getElementById('last')!))).toBeNull();
  });

  it('lets the masker catch a value a later mutation writes after its label', async () => {
    const events = await recordDom('<dl><dt>Temporary password</dt><dd id="d"></dd></dl><p><b>Your code</b> is:</p><p id="c"></p>', (doc) => {
      doc.getElementById('d')!.textContent = 'Rt5Later';
      doc.getElementById('c')!.textContent = '663311';
    });
    const masker = createEventMasker({ textsBeforeOf: (id) => readTextsBefore(record.mirror, id) });
    const sent = JSON.stringify(events.map((event) => masker.maskEvent(event)).filter((event) => event?.type === EventType.IncrementalSnapshot));
    expect(sent).not.toMatch(/Rt5Later|663311/);
    expect(sent).toContain('"adds"');
  });

  it("reads a data cell's column heading last, so the masker finds values under a label heading, at load and later", async () => {
    const table = '<table><tr><th>Name</th><th>PIN</th><th>Plan</th></tr><tr><td>Ann</td><td id="pin">58204</td><td>2024 Pro</td></tr></table>';
    const events = await recordDom(table, (doc) => {
      doc.querySelector('tbody')!.insertAdjacentHTML('beforeend', '<tr><td>Bo</td><td>77419</td><td>2025 Team</td></tr>');
    });
    const pin = document.getElementById('pin')!.firstChild!;
    expect(readTextsBefore(record.mirror, record.mirror.getId(pin))).toEqual(['Name', 'PIN', 'Plan', 'Ann', 'PIN']);
    expect(readTextsBefore(record.mirror, record.mirror.getId(pin), true)).toEqual(['PIN']);
    const masker = createEventMasker({ textsBeforeOf: (id) => readTextsBefore(record.mirror, id) });
    const sent = JSON.stringify(events.map((event) => masker.maskEvent(event)));
    expect(sent).not.toMatch(/58204|77419/);
    // A column whose heading is no label keeps its values.
    expect(sent).toMatch(/2024 Pro[\s\S]*2025 Team/);
  });

  it('never undoes what the inline-run check masked in the same event', async () => {
    const events = await recordDom('<main id="m"></main><p id="r">Reference pending</p>', (doc) => {
      doc.getElementById('m')!.insertAdjacentHTML('beforeend', '<p>Card <b>4242</b> <b>4242</b> <b>4242</b> <b>4242</b></p>');
      doc.getElementById('r')!.innerHTML = 'Amex <u>37828</u><u>22463</u><u>10005</u>';
    });
    const masker = createEventMasker({
      inlineRunOf: (id) => readInlineRun(record.mirror, id),
      textsBeforeOf: (id) => readTextsBefore(record.mirror, id),
    });
    const sent = JSON.stringify(events.map((event) => masker.maskEvent(event)).filter((event) => event?.type === EventType.IncrementalSnapshot));
    expect(sent).not.toMatch(/4242|37828|22463|10005/);
    expect(sent).toContain('Card ');
  });
});
