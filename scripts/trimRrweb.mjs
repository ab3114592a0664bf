// Rollup plugin for the script-tag build: removes parts of @rrweb/record that
// Lowlight's fixed configuration can never reach, to keep the bundle in budget.
//
// rrweb's bundle references these from record() behind runtime options, so
// tree-shaking cannot drop them. Each is replaced by an inert stand-in with the
// members record() calls. Every replacement checks the exact shape it expects;
// if an rrweb upgrade changes it, the build fails here instead of shipping a
// half-patched recorder.

/** Top-level functions and classes replaced by an inert stand-in, and why that is safe. */
const INERT_DECLARATIONS = [
  // Lowlight passes no `hooks` option, so merging them is a no-op anyway.
  { kind: 'function', name: 'mergeHooks', body: '() {}' },
  // `collectFonts` is always false: font files are never recorded.
  { kind: 'function', name: 'initFontObserver', body: '() { return () => {}; }' },
  // rrdom's virtual node, bundled for `instanceof` checks that are always false on a real page.
  { kind: 'class', name: 'BaseRRNode', body: ' {}' },
  // rrweb's own text masking by class (`rr-mask`): Lowlight decides masking itself, on every event,
  // and this saves an ancestor `closest()` walk per element while rrweb serializes.
  { kind: 'function', name: 'needMaskingText', body: '() { return false; }' },
  // Replay fidelity the script-tag build trades for its size budget (the npm build keeps them):
  // text selections, media playback (play, pause, seek) and custom-element definitions.
  { kind: 'function', name: 'initSelectionObserver', body: '() { return () => {}; }' },
  { kind: 'function', name: 'initMediaInteractionObserver', body: '() { return () => {}; }' },
  { kind: 'function', name: 'initCustomElementObserver', body: '() { return () => {}; }' },
];

// The deprecated `mirror` export and the Proxy that warns on its use: record() never touches them.
const DEPRECATED_MIRROR = { start: 'const DEPARTED_MIRROR_ACCESS_WARNING', end: 'function throttle(', declared: 'DEPARTED_MIRROR_ACCESS_WARNING,_mirror' };

// Canvas pixels cannot be masked, so `recordCanvas` is always false. The
// canvas manager and its inline worker (about 3 KB gzip) give way to an inert
// class; the observers it used become unreferenced and Rollup drops them.
const CANVAS_START = 'const jsContent = ';
const CANVAS_END = 'class StylesheetManager {';
const CANVAS_DECLARATIONS = 'jsContent,blob,WorkerWrapper,CanvasManager';
const INERT_CANVAS_MANAGER = 'class CanvasManager { reset() {} freeze() {} unfreeze() {} lock() {} unlock() {} }\n';

// `recordCrossOriginIframes` is always false: rrweb never listens for iframe
// messages, so the message handler, the event rewriting it calls and the
// id mirrors it keeps are unreachable.
const CROSS_ORIGIN_MIRROR = { start: 'class CrossOriginIframeMirror {', end: 'class IframeManager {' };
const CROSS_ORIGIN_METHODS = {
  start: '  handleMessage(message) {',
  end: '  patchRootIdOnNode(node, rootId) {',
  methods: 'handleMessage,transformCrossOriginEvent,replace,replaceIds,replaceStyleIds,replaceIdOnNode',
};

function shapeChanged(what) {
  return new Error(`[lowlight build] @rrweb/record changed shape (${what}): review scripts/trimRrweb.mjs`);
}

function replaceCanvas(code) {
  const start = code.indexOf(CANVAS_START);
  const end = code.indexOf(CANVAS_END);
  const section = start >= 0 && end > start ? code.slice(start, end) : '';
  const declared = [...section.matchAll(/^(?:const|let|var|function|class) (\w+)/gm)].map((match) => match[1]);
  if (code.indexOf(CANVAS_START, start + 1) !== -1 || declared.join(',') !== CANVAS_DECLARATIONS) {
    throw shapeChanged('canvas manager');
  }
  return code.slice(0, start) + INERT_CANVAS_MANAGER + code.slice(end);
}

function replaceDeclaration(code, { kind, name, body }) {
  const header = `\n${kind} ${name}${kind === 'function' ? '(' : ' {'}`;
  const start = code.indexOf(header);
  const end = code.indexOf('\n}\n', start);
  const declaration = start >= 0 && end > start ? code.slice(start + 1, end + 2) : '';
  // One declaration, ending at the first closing brace in column 0, with no other top-level statement inside.
  if (code.indexOf(header, start + 1) !== -1 || !declaration || /\n(?:function|class|const|let|var) /.test(declaration)) {
    throw shapeChanged(name);
  }
  return `${code.slice(0, start + 1)}${kind} ${name}${body}${code.slice(end + 2)}`;
}

function replaceDeprecatedMirror(code) {
  const start = code.indexOf(DEPRECATED_MIRROR.start);
  const end = code.indexOf(DEPRECATED_MIRROR.end);
  const section = start >= 0 && end > start ? code.slice(start, end) : '';
  const declared = [...section.matchAll(/^(?:const|let|var|function|class) (\w+)/gm)].map((match) => match[1]);
  if (declared.join(',') !== DEPRECATED_MIRROR.declared || !section.includes('new Proxy(_mirror')) throw shapeChanged('deprecated mirror');
  return `${code.slice(0, start)}let _mirror = {};\n${code.slice(end)}`;
}

function replaceCrossOriginIframes(code) {
  const mirrorStart = code.indexOf(CROSS_ORIGIN_MIRROR.start);
  const mirrorEnd = code.indexOf(CROSS_ORIGIN_MIRROR.end);
  const mirror = mirrorStart >= 0 && mirrorEnd > mirrorStart ? code.slice(mirrorStart, mirrorEnd) : '';
  if ([...mirror.matchAll(/^(?:const|let|var|function|class) /gm)].length !== 1) throw shapeChanged('CrossOriginIframeMirror');
  let result = `${code.slice(0, mirrorStart)}class CrossOriginIframeMirror {}\n${code.slice(mirrorEnd)}`;

  const start = result.indexOf(CROSS_ORIGIN_METHODS.start);
  const end = result.indexOf(CROSS_ORIGIN_METHODS.end);
  const methods = start >= 0 && end > start ? result.slice(start, end) : '';
  const names = [...methods.matchAll(/^ {2}(\w+)\([^)]*\) \{$/gm)].map((match) => match[1]);
  if (names.join(',') !== CROSS_ORIGIN_METHODS.methods) throw shapeChanged('IframeManager cross-origin methods');
  result = `${result.slice(0, start)}  handleMessage() {}\n${result.slice(end)}`;
  return result;
}

export function trimRrweb() {
  return {
    name: 'lowlight-trim-rrweb',
    transform(code, id) {
      if (!/[\\/]@rrweb[\\/]record[\\/]dist[\\/]record\.js$/.test(id)) return null;
      const trimmed = replaceDeprecatedMirror(replaceCrossOriginIframes(replaceCanvas(code)));
      return { code: INERT_DECLARATIONS.reduce(replaceDeclaration, trimmed), map: null };
    },
  };
}
