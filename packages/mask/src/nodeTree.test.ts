import { describe, expect, it } from 'vitest';
import { Flag, UNKNOWN_FLAGS } from './flags';
import { createNodeTree } from './nodeTree';

describe('createNodeTree', () => {
  it('combines own flags along the parent chain', () => {
    const tree = createNodeTree();
    tree.set(1, 0, 0);
    tree.set(2, 1, Flag.Mask);
    tree.set(3, 2, 0);
    expect(tree.effective(3)).toBe(Flag.Mask);
    tree.setOwn(2, 0);
    expect(tree.effective(3)).toBe(0);
  });

  it('does not let an ancestor unmask reach past a field root', () => {
    const tree = createNodeTree();
    tree.set(1, 0, Flag.Unmask);
    tree.set(2, 1, Flag.Field);
    tree.set(3, 2, 0);
    expect(tree.effective(3) & Flag.Unmask).toBe(0);
    tree.setOwn(2, Flag.Field | Flag.Unmask);
    expect(tree.effective(3) & Flag.Unmask).toBe(Flag.Unmask);
  });

  it('fails closed for unknown nodes and broken chains', () => {
    const tree = createNodeTree();
    tree.set(5, 4, 0);
    expect(tree.effective(99)).toBe(UNKNOWN_FLAGS);
    expect(tree.effective(5)).toBe(UNKNOWN_FLAGS);
  });

  it('sweeps descendants of removed subtrees and frees empty pages', () => {
    const tree = createNodeTree();
    tree.set(1, 0, 0);
    for (let id = 2; id < 6000; id++) tree.set(id, id === 2 ? 1 : id - 1, 0);
    expect(tree.size).toBe(5999);
    tree.remove(2);
    for (let id = 10_000; id < 12_100; id++) {
      tree.set(id, 1, 0);
      tree.remove(id);
    }
    tree.collect();
    expect(tree.size).toBe(1);
    expect(tree.effective(5000)).toBe(UNKNOWN_FLAGS);
    expect(tree.effective(1)).toBe(0);
  });
});
