// Prints bench results as the Markdown table docs/benchmarks.md shows.
const ms = (value) => (value === undefined || Number.isNaN(value) ? 'n/a' : `${value.toFixed(1)} ms`);
const x = (value) => (value === undefined || Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)}×`);
const kb = (bytes) => (bytes === null || bytes === undefined ? 'n/a' : `${(bytes / 1024).toFixed(1)} KiB`);
const share = (bytes, of) => (bytes === null || bytes === undefined ? 'n/a' : `${kb(bytes)} (${(bytes / of).toFixed(3)})`);

export function printTable(results) {
  const lines = [];
  const row = (...cells) => lines.push(`| ${cells.join(' | ')} |`);
  const loaded = results.machine.loadavg1m > results.machine.cpus * 0.5 ? ' (machine under load)' : '';
  lines.push(`Chromium ${results.versions.chromium}, @rrweb/record ${results.versions['@rrweb/record']}, Node ${results.machine.node}, ` +
    `${results.machine.cpus} × ${results.machine.cpu}, load ${results.machine.loadavg1m.toFixed(1)}${loaded}`, '');
  row('measure', 'raw rrweb', 'Lowlight', 'ratio');
  row('---', '---', '---', '---');
  for (const r of results.record ?? []) {
    row(`start recording, ${r.nodes.toLocaleString('en')} nodes (main thread, median of ${r.samples})`, ms(r.startMs.raw), ms(r.startMs.lowlight), x(r.startRatio));
    row(`longest main-thread task, ${r.nodes.toLocaleString('en')} nodes`, ms(r.longestTaskMs.raw), ms(r.longestTaskMs.lowlight), x(r.longestTaskMs.lowlight / r.longestTaskMs.raw));
    if (r.burst) {
      row(`1,000 mutations on ${r.nodes.toLocaleString('en')} nodes (page's own work ${ms(r.burst.totalMs.none)} included)`, ms(r.burst.totalMs.raw), ms(r.burst.totalMs.lowlight), x(r.burst.ratio));
      row('  of which the recorder', ms(r.burst.recorderMs.raw), ms(r.burst.recorderMs.lowlight), x(r.burst.recorderMs.lowlight / r.burst.recorderMs.raw));
    }
  }
  for (const [label, b] of [['10k-node page, first snapshot', results.pageBytes], [`scripted ${results.session?.minutes}-minute session`, results.session]]) {
    if (!b) continue;
    row(`bytes on the wire, ${label}: wire / JSON`, kb(b.rawRrwebJson) + ' JSON', `${kb(b.wire)} of ${kb(b.json)} JSON`, b.ratio.toFixed(3));
    row('  JSON as sent (before gzip)', '', share(b.sentJson, b.json), '');
    row(`  rrweb's JSON of the same batches, each compressed alone: gzip -9 / brotli -11 / zstd -19`, '', [b.perBatch.gzip9, b.perBatch.brotli11, b.perBatch.zstd19].map((v) => share(v, b.json)).join(' / '), '');
    row(`  rrweb's JSON of the whole run as one stream: gzip -9 / brotli -11 / zstd -19`, '', [b.oneStream.gzip9, b.oneStream.brotli11, b.oneStream.zstd19].map((v) => share(v, b.json)).join(' / '), '');
    if (b.wirePerMinute) row('  wire bytes per minute', '', kb(b.wirePerMinute), '');
  }
  const h = results.heap;
  if (h) {
    row(`retained JS heap after ${h.minutes} simulated minutes (page alone: ${kb(h.heap.none)})`, kb(h.heap.raw), kb(h.heap.lowlight), x(h.ratio));
    row('  of which the recorder', kb(h.overNoRecorder.raw), kb(h.overNoRecorder.lowlight), x(h.recorderRatio));
    const s = h.stats.lowlightCollectorDown;
    const minutes = Object.entries(h.atMinute.lowlightCollectorDown).map(([m, bytes]) => `${m} min ${kb(bytes)}`).join(', ');
    row(`  collector down (503), queue capped at ${kb(h.collectorDownQueueBytes)}: heap (${minutes}); events queued / dropped`, '', `${kb(h.heap.lowlightCollectorDown)}; ${s?.queued} / ${s?.dropped}`, x(h.heap.lowlightCollectorDown / h.heap.raw));
  }
  if (results.masker) row(`masker, Node: text nodes per second (${results.masker.textNodes.toLocaleString('en')}-node snapshot)`, '', results.masker.textNodesPerSecond.toLocaleString('en'), '');
  for (const [file, s] of Object.entries(results.sizes ?? {})) row(`${file} min / min+gzip`, '', `${s.min} B / ${s.gzip} B (budget ${s.budget}, ${s.left} left)`, '');
  console.log(lines.join('\n'));
}
