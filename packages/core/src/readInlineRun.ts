import { breaksInlineRun, MARK_BLOCK, type InlineRunPiece } from '@lowlight/mask';

/** The slice of rrweb's node mirror this reads: ids of the nodes rrweb has recorded. */
export interface NodeMirror {
  getNode(id: number): Node | null;
  getId(node: Node): number;
}

const breaksRun = (element: Element): boolean =>
  breaksInlineRun(element.localName, { style: element.getAttribute('style') }) || element.hasAttribute(MARK_BLOCK);

/**
 * The text nodes of the inline run holding text node `id`, as the page shows
 * them now, in document order: the inline content of its nearest block, cut
 * where a nested block starts. Nodes rrweb has not recorded are left out, since
 * a replay cannot show them. Used by the masker to join a changed piece of text
 * with the pieces around it (`MaskOptions.inlineRunOf`).
 */
export function readInlineRun(mirror: NodeMirror, id: number): InlineRunPiece[] | null {
  const node = mirror.getNode(id);
  if (node?.nodeType !== Node.TEXT_NODE) return null;
  let block = node.parentNode;
  while (block?.nodeType === Node.ELEMENT_NODE && !breaksRun(block as Element)) block = block.parentNode;
  if (!block) return null;
  // Pieces of the current segment; the walk stops at the first block boundary after the node.
  let pieces: InlineRunPiece[] = [];
  let found = false;
  const walk = (parent: Node): boolean => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        const childId = mirror.getId(child);
        found ||= childId === id;
        if (childId > 0) pieces.push({ id: childId, text: (child as Text).data });
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (!breaksRun(child as Element)) {
          if (walk(child)) return true;
        } else if (found) return true;
        else pieces = [];
      }
    }
    return false;
  };
  walk(block);
  return found ? pieces : null;
}
