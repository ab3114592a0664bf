import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_FACTOR } from '../../../test/support/fastCheck';
import { recordDom } from '../../../test/support/recordDom';
import { createEventMasker } from './createEventMasker';
import type { RecordedEvent } from './rrweb';
import type { PrivacyLevel } from './types';

/** Values no level may ever let out: detector matches, in every text and attribute. */
const DETECTED = ['ann.lee@example.org', '4111 1111 1111 1111', '+44 20 7946 0958', '555-123-4567', '123456789012', '123-45-6789', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'];
/** Typed into fields: masked at every level. */
const TYPED = 'typed-field-secret';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const words = fc.constantFrom('plain', 'words', 'Order', '42', 'price 9.99', '2024-01-15', 'v1.2.3', ...DETECTED);
const text = fc.array(words, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));
const attribute = fc.tuple(
  fc.constantFrom('class', 'title', 'placeholder', 'aria-label', 'data-note', 'href', 'alt', 'data-ll-mask', 'data-ll-unmask', 'contenteditable'),
  text,
);

/** Random markup: nested containers, fields, SVG and marks, with detector matches sprinkled in. */
const markup: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text.map(escapeHtml),
    fc.constantFrom(
      `<input value="${TYPED}">`,
      '<input type="password" value="pw-secret-value">',
      `<textarea>${TYPED}</textarea>`,
      `<select><option value="${TYPED}" selected>${TYPED}</option></select>`,
      '<svg viewBox="0 0 4 4"><path d="M0 0L4 4"/></svg>',
      // Field values and URLs inside CSS.
      `<style>input[value="${TYPED}"] { color: red } .x::after { content: "${TYPED}" }</style>`,
      `<div style="background: url('/bg.png?token=${TYPED}')"></div>`,
    ),
    fc
      .tuple(fc.constantFrom('div', 'p', 'span', 'a', 'section', 'label'), fc.array(attribute, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 4 }))
      .map(([tag, attributes, children]) => {
        const attrs = attributes.map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
        return `<${tag}${attrs}>${children.join('')}</${tag}>`;
      }),
  ),
})).node;

async function recordRandomPage(html: string): Promise<RecordedEvent[]> {
  return recordDom(html, (doc) => {
    // Later changes too: a subtree added, text and an attribute changed.
    const later = doc.createElement('div');
    later.innerHTML = html;
    doc.body.append(later);
    const firstText = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT).nextNode();
    if (firstText) firstText.textContent = `changed ${DETECTED[0]}`;
    doc.body.firstElementChild?.setAttribute('title', `retitled ${DETECTED[1]}`);
  });
}

function maskAll(events: RecordedEvent[], level: PrivacyLevel): RecordedEvent[] {
  const masker = createEventMasker({ level });
  return structuredClone(events)
    .map((event) => masker.maskEvent(event))
    .filter((event): event is RecordedEvent => event !== null);
}

/** Visible runs of the masked JSON: anything between mask characters and JSON punctuation (escapes included: CSS masking may re-quote a URL). */
const visibleRuns = (json: string) => json.split(/[*"{}[\],:\s\\]+/).filter((run) => run.length > 0);

/** Scrubbed URLs are re-encoded, so a run counts as already visible if its decoded form was. */
function wasVisible(rawJson: string, run: string): boolean {
  if (rawJson.includes(run)) return true;
  try {
    return decodeURIComponent(run).split(/\s+/).every((part) => rawJson.includes(part));
  } catch {
    return false;
  }
}

describe.each<PrivacyLevel>(['strict', 'balanced'])('createEventMasker properties at %s', (level) => {
  it('never lets a detector match or typed field value out, is idempotent, guard-clean, and never adds visible text', async () => {
    await fc.assert(
      fc.asyncProperty(markup, async (html) => {
        const raw = await recordRandomPage(html);
        const once = maskAll(raw, level);
        const sent = JSON.stringify(once);
        for (const secret of [...DETECTED, TYPED, 'pw-secret-value']) expect(sent).not.toContain(secret);
        expect(JSON.stringify(maskAll(once, level))).toBe(sent);
        // What the masker emits is guard-clean, which is why the recorder runs the guard only after plugins.
        expect(createEventMasker({ level }).guardJson(sent)).toBe(sent);
        const rawJson = JSON.stringify(raw);
        for (const run of visibleRuns(sent)) expect(wasVisible(rawJson, run), run).toBe(true);
      }),
      { numRuns: 40 * FUZZ_FACTOR },
    );
  }, 60_000 * FUZZ_FACTOR);
});
