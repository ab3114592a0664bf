import type { NodeMirror } from './readInlineRun';

/**
 * Whether the recorded node `id` is in a document in design mode (`designMode = 'on'`): all of that document is
 * editable, as in a contenteditable region, though no attribute says so. Some rich-text editors switch their iframe's
 * document to it. Read live, at each event: a page turns design mode on and off without a DOM mutation
 * (`MaskOptions.inDesignMode`).
 */
export function inDesignMode(mirror: NodeMirror, id: number): boolean {
  const node = mirror.getNode(id);
  return (node?.ownerDocument ?? (node as Document | null))?.designMode === 'on';
}
