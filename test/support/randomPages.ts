import { createEventMasker, type PrivacyLevel, type RecordedEvent } from '@lowlight/mask';
import fc from 'fast-check';
import { expect } from 'vitest';
import { recordDom } from './recordDom';

// Random pages for the masker's property tests (packages/mask, and packages/core with the readers of the live page).

/** Values no level may ever let out: detector matches, in every text and attribute. */
export const DETECTED = ['ann.lee@example.org', '4111 1111 1111 1111', '+44 20 7946 0958', '555-123-4567', '123456789012', '123-45-6789', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'];
/** Typed into fields: masked at every level. */
export const TYPED = 'typed-field-secret';
/** A piece of a card number split over inline elements: masked wherever the masker can join the pieces. */
export const SPLIT_PIECE = '4242';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

const words = fc.constantFrom('plain', 'words', 'Order', '42', 'price 9.99', '2024-01-15', 'v1.2.3', ...DETECTED);
const text = fc.array(words, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));
const attribute = fc.tuple(
  fc.constantFrom('class', 'title', 'placeholder', 'aria-label', 'data-note', 'href', 'alt', 'data-ll-mask', 'data-ll-unmask', 'contenteditable'),
  text,
);

/** Random markup: nested containers, fields, SVG and marks, with detector matches sprinkled in. */
export const markup: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text.map(escapeHtml),
    fc.constantFrom(
      `<input value="${TYPED}">`,
      '<input type="password" value="pw-secret-value">',
      `<textarea>${TYPED}</textarea>`,
      `<select><option value="${TYPED}" selected>${TYPED}</option></select>`,
      '<svg viewBox="0 0 4 4"><path d="M0 0L4 4"/></svg>',
      `<p>Card <b>${SPLIT_PIECE}</b> <b>${SPLIT_PIECE}</b> <b>${SPLIT_PIECE}</b> <b>${SPLIT_PIECE}</b></p>`,
      '<dl><dt>Temporary password</dt><dd>Tp9Random</dd></dl>',
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

export async function recordRandomPage(html: string): Promise<RecordedEvent[]> {
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

/**
 * What every masking of a random page must hold: none of `secrets` (and no detector match or typed value) in what is
 * sent, guard-clean (which is why the recorder runs the guard only after plugins), and nothing visible that the page
 * did not show.
 */
export function expectMaskedPage(raw: RecordedEvent[], sent: string, level: PrivacyLevel, secrets: string[] = []): void {
  for (const secret of [...DETECTED, TYPED, 'pw-secret-value', ...secrets]) expect(sent).not.toContain(secret);
  expect(createEventMasker({ level }).guardJson(sent)).toBe(sent);
  const rawJson = JSON.stringify(raw);
  for (const run of visibleRuns(sent)) expect(wasVisible(rawJson, run), run).toBe(true);
}
