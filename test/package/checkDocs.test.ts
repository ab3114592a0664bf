import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDocs, extractBlocks } from '../../scripts/checkDocs.mjs';

// tsc over every block and the package sources they import takes a while on a busy 2-core machine.
const TSC_TIMEOUT = 120_000;

describe('docs examples', () => {
  it('type-checks every ts and tsx block in README.md and docs/', () => {
    expect(checkDocs()).toEqual([]);
  }, TSC_TIMEOUT);

  const dir = mkdtempSync(join(tmpdir(), 'lowlight-docs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a broken block by Markdown file and line, and skips only blocks marked to be skipped', () => {
    const file = join(dir, 'page.md');
    writeFileSync(
      file,
      [
        '# A page', //                                                   1
        '<!-- docs-check: skip (a fragment) -->', //                      2
        '```ts', //                                                       3
        'notDeclaredAnywhere();', //                                      4
        '```', //                                                         5
        '```ts', //                                                       6
        "import { start } from '@lowlight/core';", //                     7
        'await start({ endpoint });', //                                  8
        "await start({ endpoint: 1, privacy: 'loose' });", //             9
        '```', //                                                         10
        '```js', //                                                       11
        'notCheckedEither();', //                                         12
        '```', //                                                         13
      ].join('\n'),
    );
    const errors = checkDocs([file]);
    // The bad endpoint and the bad privacy level: both on line 9, nothing from the skipped block or the js one.
    expect(errors).toHaveLength(2);
    for (const error of errors) expect(error).toMatch(/page\.md:9:\d+ error TS\d+: /);
  }, TSC_TIMEOUT);

  it('finds fenced blocks with their first code line, including indented and tsx ones', () => {
    const markdown = ['text', '```tsx', 'const a = <b />;', '```', '- item', '  ```ts', '  const c = 1;', '  ```'].join('\n');
    expect(extractBlocks(markdown)).toEqual([
      { line: 3, jsx: true, code: 'const a = <b />;' },
      { line: 7, jsx: false, code: 'const c = 1;' },
    ]);
  });
});
