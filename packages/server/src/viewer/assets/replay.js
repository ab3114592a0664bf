// The replay page: loads the chunk index (with a short-lived signed URL per chunk), then only the chunks the
// playhead needs, and starts playing as soon as they are in. Memory stays bounded: the player holds the events
// from the latest full snapshot at or before the playhead (a chunk boundary) through LOOKAHEAD_CHUNKS more
// chunks; crossing into a later full snapshot drops what came before, and seeking elsewhere refetches. A
// background pass reads every chunk once for the timeline's markers and lets it go. End-to-end encrypted chunks
// are decrypted here with the private key the member pastes (docs/protocol.md); the key never leaves this tab.
(() => {
  const { project, session: sid, encrypted } = document.body.dataset;
  const api = `/viewer-api/sessions/${project}/${sid}`;
  const $ = (id) => document.getElementById(id);
  const player = $('player');
  const timeline = $('timeline');
  const status = (text) => {
    $('status').textContent = text;
  };

  /** rrweb event types: FullSnapshot 2, IncrementalSnapshot 3 (source 2 = mouse interaction, type 2 = click), Custom 5. */
  const markerKind = (event) => {
    if (event.type === 3 && event.data.source === 2 && event.data.type === 2) return 'click';
    if (event.type !== 5) return null;
    if (event.data.tag === 'lowlight/pageview') return 'pageview';
    if (event.data.tag === 'lowlight/identify') return 'identify';
    return 'custom';
  };

  /** Chunks beyond the playhead's that the player keeps loaded, so playback never waits on the network. */
  const LOOKAHEAD_CHUNKS = 3;
  /** Signed chunk URLs live five minutes; fresh ones are fetched this long before they run out. */
  const URL_MARGIN_MS = 30_000;

  let chunks = [];
  let replayer = null;
  let playing = false;
  let privateKey = null;
  let firstTs = Infinity;
  let lastTs = -Infinity;
  const markers = [];
  // The window the player holds: chunks[from..to], their events by chunk index, and the replayer's time zero.
  let win = null;
  let generation = 0;
  let pumping = false;
  let maxHeld = 0;

  const offsetOf = (ts) => ts - firstTs;
  const total = () => Math.max(1, lastTs - firstTs);
  const held = () => (win ? [...win.events.values()].reduce((sum, events) => sum + events.length, 0) : 0);

  // Read-only figures for tests and the curious: how many events the page holds now, at most, and for how long a session.
  Object.defineProperty(window, 'lowlightReplay', {
    value: Object.freeze({
      get heldEvents() { return held(); },
      get maxHeldEvents() { return maxHeld; },
      get currentTime() { return replayer ? currentTs() - firstTs : 0; },
      get totalTime() { return total(); },
      lookaheadChunks: LOOKAHEAD_CHUNKS,
    }),
  });
  const clock = (ms) => `${Math.floor(ms / 60000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;

  // --- end-to-end decryption (ECDH P-256 + HKDF-SHA-256 + AES-256-GCM) ---
  const CURVE = { name: 'ECDH', namedCurve: 'P-256' };
  const utf8 = (text) => new TextEncoder().encode(text);
  const fromBase64Url = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/').replace(/\s+/g, '')), (c) => c.charCodeAt(0));

  async function decrypt(body, aad) {
    const point = body.slice(0, 65);
    const ephemeral = await crypto.subtle.importKey('raw', point, CURVE, false, []);
    const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: ephemeral }, privateKey, 256);
    const material = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
    const key = await crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: point, info: utf8('lowlight/1 batch') }, material, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: body.slice(65, 77), additionalData: utf8(aad) }, key, body.slice(77)));
  }

  const gunzip = async (bytes) => new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());

  /**
   * The plaintext is the batch encoded as the chunk index's `enc` says. Only chunks indexed before migration 003
   * have no `enc`; for those the gzip magic (1f 8b) tells, since JSON starts with "{".
   */
  function inflate(bytes, enc) {
    const gzipped = enc ? enc === 'gzip' : bytes[0] === 0x1f && bytes[1] === 0x8b;
    return gzipped ? gunzip(bytes) : bytes;
  }

  /** The index, or fresh signed URLs for the chunks already known. */
  async function fetchIndex() {
    const response = await fetch(api, { credentials: 'same-origin' });
    if (response.status === 401) location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    if (!response.ok) throw new Error(`the session index answered ${response.status}`);
    return response.json();
  }

  async function refreshUrls() {
    const fresh = new Map((await fetchIndex()).chunks.map((chunk) => [chunk.id, chunk]));
    for (const chunk of chunks) Object.assign(chunk, { url: fresh.get(chunk.id)?.url ?? chunk.url, expiresAt: fresh.get(chunk.id)?.expiresAt ?? 0 });
  }

  async function chunkEvents(chunk) {
    if (chunk.expiresAt - URL_MARGIN_MS < Date.now()) await refreshUrls();
    let response = await fetch(chunk.url, { credentials: 'omit' });
    // The server's clock may run ahead of this tab's: one retry with fresh URLs.
    if (response.status === 401) {
      await refreshUrls();
      response = await fetch(chunk.url, { credentials: 'omit' });
    }
    if (!response.ok) throw new Error(`chunk ${chunk.id}: ${response.status}`);
    // Plain chunks arrive as gzip JSON that the browser inflates (Content-Encoding).
    if (!chunk.encrypted) return batchEvents(await response.json());
    const plain = await inflate(await decrypt(new Uint8Array(await response.arrayBuffer()), `${sid}/${chunk.pageviewId}/${chunk.seq}`), chunk.enc);
    return batchEvents(JSON.parse(new TextDecoder().decode(plain)));
  }

  // --- timeline ---
  /** Markers and the session's true bounds from one chunk's events; each chunk is noted once. */
  function noteChunk(i, events) {
    const chunk = chunks[i];
    if (chunk.noted) return;
    chunk.noted = true;
    if (events.length) Object.assign(chunk, { firstTs: events[0].timestamp, lastTs: events.at(-1).timestamp });
    // The index knows plain chunks' snapshots; an end-to-end encrypted chunk tells only once decrypted.
    chunk.snapshot = events.some((event) => event.type === 2);
    firstTs = Math.min(firstTs, chunk.firstTs);
    lastTs = Math.max(lastTs, chunk.lastTs);
    for (const event of events) {
      const kind = markerKind(event);
      if (!kind) continue;
      const marker = document.createElement('span');
      marker.className = `marker ${kind}`;
      marker.dataset.kind = kind;
      marker.dataset.ts = String(event.timestamp);
      marker.title = `${kind}${event.data.payload?.url ? `: ${event.data.payload.url}` : event.data.tag && kind === 'custom' ? `: ${event.data.tag}` : ''}`;
      timeline.append(marker);
      markers.push(marker);
    }
    for (const marker of markers) marker.style.left = `${(offsetOf(Number(marker.dataset.ts)) / total()) * 100}%`;
  }

  async function loadChunk(i) {
    // What the SDK left out on the wire, timestamps and node ids, is back in (batch-events.js, docs/protocol.md).
    const events = (await chunkEvents(chunks[i])).sort((a, b) => a.timestamp - b.timestamp);
    noteChunk(i, events);
    return events;
  }

  /** The last chunk that starts at or before `ts` (the first one if none does). */
  const chunkAt = (ts) => Math.max(0, chunks.findLastIndex((chunk) => chunk.firstTs <= ts));
  const currentTs = () => (win ? win.baseTs + replayer.getCurrentTime() : firstTs);

  function tick() {
    if (replayer) {
      const now = Math.min(currentTs() - firstTs, total());
      $('clock').textContent = `${clock(now)} / ${clock(total())}`;
      $('progress').style.width = `${(now / total()) * 100}%`;
      advance();
    }
    requestAnimationFrame(tick);
  }

  // --- the window of events the player holds ---
  /**
   * The chunk holding the latest full snapshot at or before chunk `i`: where a replay of chunk `i` must start.
   * Chunks whose snapshot flag is unknown (end-to-end encrypted, not read yet) are read on the way back.
   */
  async function segmentStart(i, loaded) {
    for (let j = i; j > 0; j -= 1) {
      if (chunks[j].snapshot === undefined) loaded.set(j, await loadChunk(j));
      if (chunks[j].snapshot) return j;
    }
    return 0;
  }

  /** Builds a new replayer over chunks[from..to] (reusing events already held) and puts its playhead at `ts`. */
  function buildWindow(from, to, loaded, ts) {
    const events = new Map();
    for (let i = from; i <= to; i += 1) events.set(i, loaded.get(i));
    replayer?.destroy();
    const all = [...events.values()].flat();
    win = { from, to, events, baseTs: all[0]?.timestamp ?? chunks[from].firstTs };
    replayer = createReplayer(all);
    maxHeld = Math.max(maxHeld, held());
    const offset = Math.max(0, ts - win.baseTs);
    if (playing) replayer.play(offset);
    else replayer.pause(offset);
  }

  /** Moves the player to `ts`: inside the window it just seeks, elsewhere it refetches the chunks needed there. */
  async function seekTs(ts, loaded = new Map(win?.events ?? [])) {
    ts = Math.max(firstTs, Math.min(ts, lastTs));
    const target = chunkAt(ts);
    const gen = ++generation;
    const from = await segmentStart(target, loaded);
    if (win && win.from === from && target <= win.to) {
      const offset = ts - win.baseTs;
      if (playing) replayer.play(offset);
      else replayer.pause(offset);
      return;
    }
    const to = Math.min(chunks.length - 1, target + LOOKAHEAD_CHUNKS);
    for (let i = from; i <= to; i += 1) if (!loaded.has(i)) loaded.set(i, await loadChunk(i));
    if (gen !== generation) return; // a later seek won
    buildWindow(from, to, loaded, ts);
    pump();
  }

  /**
   * Called every frame: once the playhead has entered a chunk that starts a later full snapshot (a slow frame may
   * jump past it), the window starts there and what came before is let go; then the look-ahead is topped up.
   */
  function advance() {
    if (!win) return;
    const at = chunkAt(currentTs());
    const from = [...win.events.keys()].filter((i) => i > win.from && i <= at && chunks[i].snapshot).at(-1);
    if (from !== undefined) buildWindow(from, win.to, win.events, currentTs());
    pump();
  }

  /** Loads the next chunk into the running replayer while the look-ahead is short; one load at a time. */
  async function pump() {
    if (!win || pumping || win.failed) return;
    const next = win.to + 1;
    if (next > Math.min(chunks.length - 1, chunkAt(currentTs()) + LOOKAHEAD_CHUNKS)) return;
    pumping = true;
    try {
      const events = await loadChunk(next);
      // A seek may have moved the window meanwhile: the chunk joins only if it is still the next one.
      if (win.to + 1 !== next) return;
      win.to = next;
      win.events.set(next, events);
      for (const event of events) replayer.addEvent(event);
      maxHeld = Math.max(maxHeld, held());
      // The replayer ran out of events while this chunk was on its way: carry on.
      if (win.stalled) {
        win.stalled = false;
        setTimeout(() => replayer.play(replayer.getCurrentTime()), 0);
      }
    } catch (error) {
      // No retry every frame: the window stops growing until the member seeks or reloads.
      win.failed = true;
      status(`Could not load the rest of the session: ${error.message}`);
    } finally {
      pumping = false;
    }
  }

  /** Reads every chunk once for the timeline (markers, bounds, snapshots), keeping none of them. */
  async function scan() {
    for (const [i, chunk] of chunks.entries()) {
      if (!chunk.noted) await loadChunk(i);
      status(i + 1 < chunks.length ? `Playing while indexing the timeline: ${i + 1} of ${chunks.length} chunks` : `Ready: ${chunks.length} chunk(s).`);
    }
    document.body.dataset.loaded = 'true';
  }

  function seek(offset) {
    if (replayer) seekTs(firstTs + offset).catch((error) => status(`Could not seek: ${error.message}`));
  }
  // --- player ---
  function fit() {
    const iframe = player.querySelector('iframe');
    const wrapper = player.querySelector('.replayer-wrapper');
    if (!iframe || !wrapper) return;
    const width = Number(iframe.getAttribute('width')) || iframe.offsetWidth;
    const height = Number(iframe.getAttribute('height')) || iframe.offsetHeight;
    const scale = Math.min(1, player.clientWidth / width);
    wrapper.style.transform = `scale(${scale})`;
    player.style.height = `${height * scale}px`;
  }

  function createReplayer(events) {
    // Recorded scripts never run: rrweb's iframe is sandboxed without allow-scripts, and canvas replay (which would add it) stays off.
    const created = new rrwebReplay.Replayer(events, {
      root: player,
      skipInactive: $('skip').checked,
      speed: Number($('speed').value),
      showWarning: false,
      mouseTail: false,
      UNSAFE_replayCanvas: false,
      insertStyleRules: ['[data-ll-masked], .ll-masked { background: repeating-linear-gradient(45deg, #ddd 0 4px, #eee 4px 8px) !important; }'],
    });
    created.on('resize', () => requestAnimationFrame(fit));
    created.on('finish', () => {
      if (created !== replayer) return;
      if (win.to < chunks.length - 1) win.stalled = true;
      else setPlaying(false);
    });
    requestAnimationFrame(fit);
    return created;
  }

  function setPlaying(value) {
    playing = value;
    $('play').textContent = value ? 'Pause' : 'Play';
    document.body.dataset.playing = String(value);
  }

  async function begin() {
    if (!chunks.length) return status('This session has no recorded events yet.');
    status('Loading…');
    // The first chunk fixes the timeline's zero; a `?t=` link then starts the player at its moment.
    const first = await loadChunk(0);
    const t = Number(new URLSearchParams(location.search).get('t'));
    await seekTs(firstTs + (t > 0 ? t * 1000 : 0), new Map([[0, first]]));
    if (![...win.events.values()].some((events) => events.some((event) => event.type === 2))) {
      return status('This session holds no full snapshot, so it cannot be replayed.');
    }
    $('play').disabled = false;
    document.body.dataset.ready = 'true';
    requestAnimationFrame(tick);
    await scan();
  }

  async function load() {
    chunks = (await fetchIndex()).chunks.map((chunk) => ({ ...chunk, snapshot: chunk.encrypted ? undefined : chunk.fullSnapshot }));
    // Plain chunks' times are their events'; an end-to-end encrypted chunk's are only when it arrived, so it counts once read.
    for (const chunk of chunks.filter((c) => !c.encrypted)) {
      firstTs = Math.min(firstTs, chunk.firstTs);
      lastTs = Math.max(lastTs, chunk.lastTs);
    }
    if (encrypted === 'true' && !privateKey) {
      status('This session is end-to-end encrypted: the server cannot read it. Paste the private key above to decrypt it in this tab.');
      return;
    }
    await begin();
  }

  async function useKey(text) {
    try {
      privateKey = await crypto.subtle.importKey('pkcs8', fromBase64Url(text.trim()), CURVE, false, ['deriveBits']);
    } catch {
      return status('That is not a P-256 private key (base64url PKCS#8, as generateKeyPair() makes).');
    }
    status('Decrypting…');
    $('keybox').hidden = true;
    await begin().catch(() => {
      $('keybox').hidden = false;
      status('Decryption failed: this key does not belong to the public key this session was encrypted to.');
    });
  }

  // --- controls ---
  $('play').addEventListener('click', () => {
    if (!replayer) return;
    if (playing) {
      setPlaying(false);
      replayer.pause();
    } else {
      setPlaying(true);
      if (currentTs() >= lastTs) seek(0);
      else replayer.play(replayer.getCurrentTime());
    }
  });
  $('speed').addEventListener('change', () => replayer?.setConfig({ speed: Number($('speed').value) }));
  $('skip').addEventListener('change', () => replayer?.setConfig({ skipInactive: $('skip').checked }));
  timeline.addEventListener('click', (event) => {
    const box = timeline.getBoundingClientRect();
    seek(((event.clientX - box.left) / box.width) * total());
  });
  $('pages').addEventListener('click', (event) => {
    const button = event.target.closest('[data-seek-ts]');
    if (button) seek(offsetOf(Number(button.dataset.seekTs)));
  });
  $('share').addEventListener('click', () => {
    const url = new URL(location.href);
    url.search = `?t=${Math.floor((currentTs() - firstTs) / 1000)}`;
    history.replaceState(null, '', url);
    navigator.clipboard?.writeText(url.href).then(
      () => status(`Link copied: ${url.href}`),
      () => status(`Link to this moment: ${url.href}`),
    );
  });
  window.addEventListener('resize', fit);
  if (encrypted === 'true') {
    $('decrypt').addEventListener('click', () => useKey($('private-key').value));
    $('private-key-file').addEventListener('change', async (event) => {
      const file = event.target.files?.[0];
      if (file) $('private-key').value = (await file.text()).trim();
    });
  }

  load().catch((error) => status(`Could not load the session: ${error.message}`));
})();
