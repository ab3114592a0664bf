/**
 * `source` matching either case of each letter (`[pP][iIİ][nN]`, `[öÖoO]` in a class), for a pattern to need no `i`
 * flag: with it, compiling the label patterns (secret-param.ts) took Chromium 4–8 ms more at each page load
 * (docs/benchmarks.md). An `i` also matches Turkish's capital `İ` (`ŞİFRE`, `PİN`), which the `i` flag did not. Escapes
 * stay as they are. Lower-case letters are the ones spelled out, as the label patterns are written; one whose upper case
 * is two characters (`ß`) would be spelled wrong, and they hold none.
 */
export const caseless = (source: string): string => {
  let inClass = false;
  return source.replace(/\\p\{\w+\}|\\.|[^]/g, (token) => {
    inClass = token === '[' || (inClass && token !== ']');
    const both = token[0] === '\\' || token === token.toUpperCase() ? token : token + token.toUpperCase() + (token === 'i' ? 'İ' : '');
    return inClass || both === token ? both : `[${both}]`;
  });
};
