import { Flag, FIELD_ROOTS, FLAG_SPAN, UNKNOWN_FLAGS } from './flags';

/**
 * Parent links and own flags of every recorded node, keyed by rrweb node id.
 *
 * One `Map<number, number>` packs both (`parent * FLAG_SPAN + flags`): small ids stay
 * unboxed small integers, so a 10k-node page costs about 150 KB here, against
 * rrweb's ~3 MB mirror. Effective flags are computed by walking up the parent
 * chain, so a mark added to an ancestor later applies to its whole subtree at
 * once without touching the descendants.
 */
export interface NodeTree {
  /** Records a node under `parentId` (0 for a document root) with its own flags. */
  set(id: number, parentId: number, flags: number): void;
  /** Own flags of a known node, or undefined. */
  own(id: number): number | undefined;
  /** Replaces a node's own flags, keeping its parent. */
  setOwn(id: number, flags: number): void;
  /**
   * Own flags of the node and all its ancestors, except that an ancestor's
   * `Unmask` does not reach past a field root. `UNKNOWN_FLAGS` if the chain is broken.
   */
  effective(id: number): number;
  /** Forgets a removed node. Its descendants are swept later by `collect()`. */
  remove(id: number): void;
  /** Drops descendants of removed nodes once enough removals have piled up. Call between events. */
  collect(): void;
  clear(): void;
  readonly size: number;
}

/** Sweep orphaned descendants of removed nodes once this many removals have piled up. */
const SWEEP_AFTER_REMOVALS = 2048;

export function createNodeTree(): NodeTree {
  const nodes = new Map<number, number>();
  let removalsSinceSweep = 0;

  const parentOf = (packed: number): number => (packed - (packed % FLAG_SPAN)) / FLAG_SPAN;

  function effective(id: number): number {
    let flags = 0;
    let passedFieldRoot = false;
    let current = id;
    // Bounded by the map size, so a corrupt cycle cannot hang the page.
    for (let steps = 0; steps <= nodes.size; steps++) {
      const packed = nodes.get(current);
      if (packed === undefined) return UNKNOWN_FLAGS;
      const own = packed % FLAG_SPAN;
      flags |= passedFieldRoot ? own & ~Flag.Unmask : own;
      if (own & FIELD_ROOTS) passedFieldRoot = true;
      current = parentOf(packed);
      if (current === 0) return flags;
    }
    return UNKNOWN_FLAGS;
  }

  /** rrweb reports only the root of a removed subtree; drop entries whose chain no longer reaches a root. */
  function sweepOrphans(): void {
    const reachable = new Map<number, boolean>();
    const isReachable = (start: number): boolean => {
      const path: number[] = [];
      let current = start;
      let result = false;
      for (;;) {
        const known = reachable.get(current);
        if (known !== undefined) { result = known; break; }
        const packed = nodes.get(current);
        if (packed === undefined || path.length > nodes.size) break;
        path.push(current);
        current = parentOf(packed);
        if (current === 0) { result = true; break; }
      }
      for (const id of path) reachable.set(id, result);
      return result;
    };
    for (const id of [...nodes.keys()]) if (!isReachable(id)) nodes.delete(id);
  }

  return {
    set(id, parentId, flags) {
      nodes.set(id, parentId * FLAG_SPAN + flags);
    },
    own(id) {
      const packed = nodes.get(id);
      return packed === undefined ? undefined : packed % FLAG_SPAN;
    },
    setOwn(id, flags) {
      const packed = nodes.get(id);
      if (packed !== undefined) nodes.set(id, parentOf(packed) * FLAG_SPAN + flags);
    },
    effective,
    remove(id) {
      if (nodes.delete(id)) removalsSinceSweep++;
    },
    collect() {
      if (removalsSinceSweep < SWEEP_AFTER_REMOVALS) return;
      removalsSinceSweep = 0;
      sweepOrphans();
    },
    clear() {
      nodes.clear();
      removalsSinceSweep = 0;
    },
    get size() {
      return nodes.size;
    },
  };
}
