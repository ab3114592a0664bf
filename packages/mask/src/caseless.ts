/**
 * `source` matching either case of each letter (`[pP][iI][nN]`, `[öÖoO]` in a class), for a pattern to need no `i` flag:
 * with it, compiling the label patterns (secret-param.ts) took Chromium 4–8 ms more at each page load
 * (docs/benchmarks.md). Escapes stay as they are. Lower-case letters are the ones spelled out, as the label patterns
 * are written; one whose upper case is two characters (`ß`) would be spelled wrong, and they hold none.
 */
export const caseless = (source: string): string => {
  let inClass = false;
  return source.replace(/\\p\{\w+\}|\\.|[^]/g, (token) => {
    inClass = token === '[' || (inClass && token !== ']');
    const both = token[0] === '\\' || token === token.toUpperCase() ? token : token + token.toUpperCase();
    return inClass || both === token ? both : `[${both}]`;
  });
};
