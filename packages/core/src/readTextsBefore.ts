import type { NodeMirror } from './readInlineRun';

/** Enough texts to reach the heading of a list of recovery codes (GitHub shows 16) from its last code. */
const TEXTS_BEFORE = 24;

/**
 * The non-blank texts before the recorded text node `id`, as the page shows them now, in document order (oldest
 * first), within its document or shadow root, and last, for text in a table's data cell, the `<th>` heading its
 * column: `TEXTS_BEFORE` at most, the heading included; only that heading when `headingOnly`. Null for a node rrweb
 * has not recorded. Used by the masker's label rule (`MaskOptions.textsBeforeOf`).
 */
export function readTextsBefore(mirror: NodeMirror, id: number, headingOnly?: boolean): string[] | null {
  const node = mirror.getNode(id);
  if (node?.nodeType !== Node.TEXT_NODE) return null;
  // In a table's data cell, the heading of its column labels the value as much as the text right before it does.
  const cell = node.parentElement?.closest('td');
  const heading = cell?.closest('table')?.rows[0]?.cells[cell.cellIndex];
  const texts = heading?.tagName === 'TH' ? [heading.textContent!] : [];
  if (headingOnly) return texts;
  // 4 is NodeFilter.SHOW_TEXT.
  const walker = node.ownerDocument!.createTreeWalker(node.getRootNode(), 4);
  walker.currentNode = node;
  // Read backwards: each text goes before those read so far, and before the heading.
  while (texts.length < TEXTS_BEFORE && walker.previousNode()) {
    const text = (walker.currentNode as Text).data;
    if (/\S/.test(text)) texts.unshift(text);
  }
  return texts;
}
