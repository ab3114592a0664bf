// Row 6, in Node: masker throughput (text nodes masked per second in a full snapshot, at the default
// level) and bundle sizes (min and min+gzip -9, as scripts/size.mjs measures them).
import { gzipSync } from 'node:zlib';
import { ENTRIES } from '../scripts/size.mjs';
import { importSource } from './importSource.mjs';
const WORDS = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ');

/** A serialized full snapshot of `paragraphs` paragraphs of prose, every 17th with an email, every 33rd a card number. */
function snapshotJson(paragraphs) {
  let id = 1;
  let seed = 3;
  const word = () => WORDS[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % WORDS.length];
  const text = (i) => {
    const words = Array.from({ length: 12 }, word);
    if (i % 17 === 0) words.push(`user${i}@example.com`);
    if (i % 33 === 0) words.push('4111 1111 1111 1111');
    return { type: 3, textContent: words.join(' '), id: id++ };
  };
  const element = (tagName, attributes, childNodes) => {
    const own = id++;
    return { type: 2, tagName, attributes, childNodes: childNodes(), id: own };
  };
  const body = element('body', {}, () => Array.from({ length: paragraphs }, (_, i) => element('p', { class: `c${i % 60}` }, () => [text(i)])));
  const html = element('html', {}, () => [body]);
  const node = { type: 0, childNodes: [html], id: id++ };
  return JSON.stringify({ type: 2, data: { node, initialOffset: { top: 0, left: 0 } }, timestamp: 1_767_600_000_000 });
}

export async function maskerThroughput({ textNodes, rounds }) {
  const { createEventMasker } = await importSource('mask/src/index.ts');
  const json = snapshotJson(textNodes);
  const events = Array.from({ length: rounds + 2 }, () => JSON.parse(json));
  const times = [];
  for (const [round, event] of events.entries()) {
    const masker = createEventMasker({});
    masker.maskEvent({ type: 4, data: { href: 'https://shop.example/', width: 1280, height: 720 }, timestamp: event.timestamp });
    const start = performance.now();
    masker.maskEvent(event);
    if (round >= 2) times.push(performance.now() - start); // two rounds warm the JIT up
  }
  times.sort((a, b) => a - b);
  const ms = times[times.length >> 1];
  return { textNodes, rounds, medianMs: ms, textNodesPerSecond: Math.round((textNodes / ms) * 1000) };
}

export function bundleSizes(scripts) {
  const size = (code) => ({ min: Buffer.byteLength(code), gzip: gzipSync(Buffer.from(code), { level: 9 }).length });
  const scriptTag = size(scripts.lowlight);
  const { name, budget } = ENTRIES.find((entry) => entry.name.endsWith('/lowlight.iife.js'));
  return { [name]: { ...scriptTag, budget, left: budget - scriptTag.gzip } };
}
