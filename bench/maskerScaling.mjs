// Whether the masker stays linear on long adversarial text: `node bench/maskerScaling.mjs`.
// Each unit (`1:`, `eyJ`, CJK letters, `url(`, …) is repeated to 20 KB and to 80 KB and masked as page text and as
// the value of attributes of each kind (style, URL, text, structure, srcset, a stylesheet's text). Four times the
// input should cost about four times the time; a pattern that reads to a word's end from every position in it costs
// sixteen. Exits 1 when one grows more than 10x and takes over 100 ms, or takes over 1 s (each the faster of two
// runs: a collection or the JIT can land in one). A timing check, so not part
// of `npm test` (whose 150–200 KB cases in the detectors' tests hold the patterns bounded once found).
import { importSource } from './importSource.mjs';

const { createEventMasker } = await importSource('mask/src/index.ts');

const UNITS = [
  'a', '中', '1', ' ', 'a.', 'a-', '1 ', 'a:', 'a=', 'ab ', '@a', 'a@', '1-', '1.', 'é', 'a\u0301', '\\', '"', "'", '(',
  'a(', 'url(', 'url(a', '/*', '--a:', 'content:', '[a="', '@import ', 'image-set(', 'is ', 'code ', 'PIN ', '-a', '_a',
  'x x x is your ', '12 ', '1a', 'a1', '\t', ':', ': 1', 'Password: ', 'a/', '%41', '%25', '&a=', '?a=1&', 'https://',
  '[at] ', '(dot) ', 'a (dot) ', 'ID ', '# ', 'a:1;', 'a:"', 'pin:1', 'a1:', '1:', 'code:1;', '1.1.', '4111 ', '+1 ',
  '(1)', '١', '1\u00a0', 'a@b.', 'x@y.io ', 'eyJ', 'sk_', 'AKIA', 'Bearer ', 'a\u200b', 'GB82 ', '1, ', 'data:',
];
/** Where a value goes: page text, or an attribute of each class the masker tells apart. */
const PLACES = [
  ['text', 'p'],
  ['style', 'div'],
  ['href', 'a'],
  ['title', 'div'],
  ['class', 'div'],
  ['srcset', 'img'],
  ['sheet', 'style'],
];

function snapshotWith(place, tag, value) {
  const text = place === 'text' || place === 'sheet';
  const element = { type: 2, id: 2, tagName: tag, attributes: text ? {} : { [place]: value }, childNodes: text ? [{ type: 3, id: 3, textContent: value }] : [] };
  return { type: 2, timestamp: 1, data: { node: { type: 0, id: 1, childNodes: [element] }, initialOffset: { top: 0, left: 0 } } };
}

function maskMs(place, tag, value) {
  const runs = [0, 1].map(() => {
    const masker = createEventMasker();
    const event = snapshotWith(place, tag, value);
    const start = performance.now();
    masker.maskEvent(event);
    return performance.now() - start;
  });
  return Math.min(...runs);
}

let failed = 0;
for (const [place, tag] of PLACES) {
  for (const unit of UNITS) {
    const small = maskMs(place, tag, `${unit.repeat(Math.ceil(20_000 / unit.length))} 1`);
    const large = maskMs(place, tag, `${unit.repeat(Math.ceil(80_000 / unit.length))} 1`);
    const growth = large / Math.max(small, 1);
    if ((large > 100 && growth > 10) || large > 1000) {
      failed++;
      console.log(`superlinear: ${place} ${JSON.stringify(unit)}: ${small.toFixed(0)} ms at 20 KB, ${large.toFixed(0)} ms at 80 KB`);
    }
  }
}
console.log(`${UNITS.length} units × ${PLACES.length} places: ${failed ? `${failed} superlinear` : 'all linear'}`);
process.exitCode = failed ? 1 : 0;
