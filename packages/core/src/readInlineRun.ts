import { breaksInlineRun, type InlineRunPiece } from '@lowlight/mask';

/** The slice of rrweb's node mirror this reads: ids of the nodes rrweb has recorded. */
export interface NodeMirror {
  getNode(id: number): Node | null;
  getId(node: Node): number;
}

const breaksRun = (element: Element): boolean =>
  breaksInlineRun(element.localName, { style: element.getAttribute('style') }) || element.hasAttribute('data-ll-block');

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
  const segments: InlineRunPiece[][] = [[]];
  const walk = (parent: Node): void => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        const childId = mirror.getId(child);
        if (childId > 0) segments[segments.length - 1]!.push({ id: childId, text: (child as Text).data });
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (breaksRun(child as Element)) segments.push([]);
        else walk(child);
      }
    }
  };
  walk(block);
  return segments.find((segment) => segment.some((piece) => piece.id === id)) ?? null;
}
