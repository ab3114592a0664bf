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
        '<!-- docs-check: file greeting.ts -->', //                       14
        '```ts', //                                                       15
        'export const greeting = (name: string): string => name;', //    16
        '```', //                                                         17
        '```ts', //                                                       18
        "import { greeting } from './greeting';", //                      19
        'greeting(42);', //                                               20
        '```', //                                                         21
      ].join('\n'),
    );
    const errors = checkDocs([file]);
    // The bad endpoint and privacy level on line 9, and a wrong argument to the named block's export on line 20;
    // nothing from the skipped block or the js one.
    expect(errors).toHaveLength(3);
    expect(errors.map((error) => /page\.md:(\d+):\d+ error TS\d+: /.exec(error)?.[1])).toEqual(['9', '9', '20']);
  }, TSC_TIMEOUT);

  it('finds fenced blocks with their first code line and name, including indented and tsx ones', () => {
    const markdown = [
      ...['text', '```tsx', 'const a = <b />;', '```'],
      ...['- item', '  ```ts', '  const c = 1;', '  ```'],
      ...['<!-- docs-check: file d.ts -->', '```ts', 'export const d = 1;', '```'],
    ].join('\n');
    expect(extractBlocks(markdown)).toEqual([
      { line: 3, jsx: true, code: 'const a = <b />;' },
      { line: 7, jsx: false, code: 'const c = 1;' },
      { line: 11, jsx: false, code: 'export const d = 1;', name: 'd.ts' },
    ]);
  });
});
