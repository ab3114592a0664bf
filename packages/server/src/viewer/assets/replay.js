// The replay page: loads the chunk index, then each chunk in order, and starts playing as soon as the first
// full snapshot is in; later chunks join the running replayer with addEvent. End-to-end encrypted chunks are
// decrypted here with the private key the member pastes (docs/protocol.md); the key never leaves this tab.
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

  let index = null;
  let replayer = null;
  let playing = false;
  let privateKey = null;
  let firstTs = Infinity;
  let lastTs = -Infinity;
  let pendingSeek = Number(new URLSearchParams(location.search).get('t')) * 1000 || null;
  const markers = [];

  const offsetOf = (ts) => ts - firstTs;
  const total = () => Math.max(1, lastTs - firstTs);
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

  /** The plaintext is the batch as `enc` said: gzip (magic 1f 8b) or JSON (which starts with "{"). */
  async function inflate(bytes) {
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
    return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  }

  async function chunkEvents(chunk) {
    const response = await fetch(`${api}/chunks/${chunk.id}`, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`chunk ${chunk.id}: ${response.status}`);
    // Plain chunks arrive as gzip JSON that the browser inflates (Content-Encoding).
    if (!chunk.encrypted) return (await response.json()).events;
    const plain = await inflate(await decrypt(new Uint8Array(await response.arrayBuffer()), `${sid}/${chunk.pageviewId}/${chunk.seq}`));
    return JSON.parse(new TextDecoder().decode(plain)).events;
  }

  // --- timeline ---
  function noteEvents(events) {
    for (const event of events) {
      firstTs = Math.min(firstTs, event.timestamp);
      lastTs = Math.max(lastTs, event.timestamp);
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

  function tick() {
    if (replayer) {
      const now = Math.min(replayer.getCurrentTime(), total());
      $('clock').textContent = `${clock(now)} / ${clock(total())}`;
      $('progress').style.width = `${(now / total()) * 100}%`;
    }
    requestAnimationFrame(tick);
  }

  function seek(offset) {
    if (!replayer) return;
    const target = Math.max(0, Math.min(offset, total()));
    if (playing) replayer.play(target);
    else replayer.pause(target);
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

  function start(events) {
    // Recorded scripts never run: rrweb's iframe is sandboxed without allow-scripts, and canvas replay (which would add it) stays off.
    replayer = new rrwebReplay.Replayer(events, {
      root: player,
      skipInactive: $('skip').checked,
      speed: Number($('speed').value),
      showWarning: false,
      mouseTail: false,
      UNSAFE_replayCanvas: false,
      insertStyleRules: ['[data-ll-masked], .ll-masked { background: repeating-linear-gradient(45deg, #ddd 0 4px, #eee 4px 8px) !important; }'],
    });
    replayer.on('resize', () => requestAnimationFrame(fit));
    replayer.on('finish', () => setPlaying(false));
    replayer.pause(0);
    fit();
    $('play').disabled = false;
    requestAnimationFrame(tick);
  }

  function setPlaying(value) {
    playing = value;
    $('play').textContent = value ? 'Pause' : 'Play';
  }

  function applyPendingSeek() {
    if (pendingSeek === null || !replayer || pendingSeek > lastTs - firstTs) return;
    seek(pendingSeek);
    pendingSeek = null;
  }

  async function loadChunks() {
    const buffered = [];
    const { chunks } = index;
    for (const [i, chunk] of chunks.entries()) {
      // Node ids the SDK left out on the wire go back in (node-ids.js, docs/protocol.md).
      const events = (await chunkEvents(chunk)).map(restoreNodeIds).sort((a, b) => a.timestamp - b.timestamp);
      noteEvents(events);
      if (replayer) for (const event of events) replayer.addEvent(event);
      else {
        buffered.push(...events);
        if (buffered.some((event) => event.type === 2)) start(buffered);
      }
      applyPendingSeek();
      status(i + 1 < chunks.length ? `Playing while loading: ${i + 1} of ${chunks.length} chunks` : `Loaded ${chunks.length} chunk(s).`);
    }
    if (!replayer) status(chunks.length ? 'This session holds no full snapshot, so it cannot be replayed.' : 'This session has no recorded events yet.');
    else document.body.dataset.loaded = 'true';
  }

  async function load() {
    const response = await fetch(api, { credentials: 'same-origin' });
    if (response.status === 401) return location.assign(`/login?next=${encodeURIComponent(location.pathname)}`);
    if (!response.ok) return status(`Could not load the session (${response.status}).`);
    index = await response.json();
    if (encrypted === 'true' && !privateKey) {
      status('This session is end-to-end encrypted: the server cannot read it. Paste the private key above to decrypt it in this tab.');
      return;
    }
    await loadChunks();
  }

  async function useKey(text) {
    try {
      privateKey = await crypto.subtle.importKey('pkcs8', fromBase64Url(text.trim()), CURVE, false, ['deriveBits']);
    } catch {
      return status('That is not a P-256 private key (base64url PKCS#8, as generateKeyPair() makes).');
    }
    status('Decrypting…');
    $('keybox').hidden = true;
    await loadChunks().catch(() => {
      $('keybox').hidden = false;
      status('Decryption failed: this key does not belong to the public key this session was encrypted to.');
    });
  }

  // --- controls ---
  $('play').addEventListener('click', () => {
    if (!replayer) return;
    if (playing) replayer.pause();
    else replayer.play(replayer.getCurrentTime() >= total() ? 0 : replayer.getCurrentTime());
    setPlaying(!playing);
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
    url.search = `?t=${Math.floor((replayer?.getCurrentTime() ?? 0) / 1000)}`;
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
