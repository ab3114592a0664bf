import type { NodeMirror } from './readInlineRun';

/** Enough texts to reach the heading of a list of recovery codes (GitHub shows 16) from its last code. */
const TEXTS_BEFORE = 24;

/**
 * The non-blank texts before the recorded text node `id`, as the page shows them now, in document order (oldest
 * first, `TEXTS_BEFORE` at most), within its document or shadow root; null for a node rrweb has not recorded. Used
 * by the masker's label rule for text a later mutation writes after its label (`MaskOptions.textsBeforeOf`).
 */
export function readTextsBefore(mirror: NodeMirror, id: number): string[] | null {
  const node = mirror.getNode(id);
  if (node?.nodeType !== Node.TEXT_NODE) return null;
  // 4 is NodeFilter.SHOW_TEXT.
  const walker = node.ownerDocument!.createTreeWalker(node.getRootNode(), 4);
  walker.currentNode = node;
  const texts: string[] = [];
  while (texts.length < TEXTS_BEFORE && walker.previousNode()) {
    const text = (walker.currentNode as Text).data;
    if (/\S/.test(text)) texts.unshift(text);
  }
  return texts;
}
