import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyAttribute, MASKING_RULES, SAFE_META_NAMES } from './policy';
import { Flag } from './flags';

const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');

describe('policy', () => {
  it("is the README's \"What is masked\" table, row for row", () => {
    const section = readme.slice(readme.indexOf('### What is masked, on every path'));
    const table = section.slice(section.indexOf('| what |'), section.indexOf('\n\n', section.indexOf('| what |')));
    const rows = table.split('\n').slice(2);
    expect(rows).toEqual(MASKING_RULES.map(({ what, strict, balanced, relaxed }) => `| ${what} | ${strict} | ${balanced} | ${relaxed} |`));
  });

  it('names exactly the <meta> names whose content is kept', () => {
    const row = MASKING_RULES.find((rule) => rule.what.includes('<meta content>'))!.what;
    const listed = [...row.slice(row.indexOf('<meta content>')).matchAll(/`([a-z-]+)`/g)].map((match) => match[1]).filter((name) => name !== 'name' && name !== 'http-equiv');
    expect(listed.sort()).toEqual([...SAFE_META_NAMES].sort());
  });

  it('classifies value as a field value everywhere except an input button label', () => {
    for (const own of [0, Flag.Field, Flag.Input | Flag.Field]) expect(classifyAttribute('value', own, (own & Flag.Field) !== 0)).toBe('field');
    expect(classifyAttribute('value', Flag.Input, false)).toBe('text');
  });

  it('drops attributes that hold a document or code, whatever the element', () => {
    for (const name of ['srcdoc', 'onclick', 'onload', 'rr_dataurl']) expect(classifyAttribute(name, 0, false)).toBe('drop');
  });
});
