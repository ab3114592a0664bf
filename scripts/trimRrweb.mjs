// Rollup plugin for the script-tag build: removes parts of @rrweb/record that
// Lowlight's fixed configuration can never reach, to keep the bundle in budget.
//
// rrweb's bundle references these from record() behind runtime options, so
// tree-shaking cannot drop them. Each is replaced by an inert stand-in with the
// members record() calls. Every replacement checks the exact shape it expects;
// if an rrweb upgrade changes it, the build fails here instead of shipping a
// half-patched recorder.

/** rrweb's node accessor helpers (`index.childNodes(n)`, …) that the script tag reads directly (INERT_DECLARATIONS says why). */
const NODE_ACCESSORS = ['ownerDocument', 'childNodes', 'parentNode', 'parentElement', 'textContent', 'firstChild', 'lastChild', 'nextSibling', 'previousSibling'];

/** Top-level functions and classes replaced by an inert stand-in, and why that is safe. */
const INERT_DECLARATIONS = [
  // Lowlight passes no `hooks` option, so merging them is a no-op anyway.
  { kind: 'function', name: 'mergeHooks', body: '() {}' },
  // Replay fidelity the script-tag build trades for its size budget: rrweb reads nodes' accessors (`childNodes`,
  // `parentNode`, `textContent`, `shadowRoot`, …) through clean prototypes from a hidden iframe where a page's scripts
  // replaced them or Angular's zone.js runs; the script tag reads them as the page's own code does. Where a page
  // replaced them (a synthetic shadow DOM such as Salesforce's Lightning Web Components, an old Shady DOM polyfill) it
  // records what those accessors return, which leaves a synthetic shadow root's insides out of the replay. The
  // MutationObserver and `contains`/`getRootNode` still come from clean prototypes where a page patched them.
  ...NODE_ACCESSORS.map((name) => ({ kind: 'function', name, body: `(n) {\n  return n.${name};\n}` })),
  { kind: 'function', name: 'host', body: '(n) {\n  return n?.host ?? null;\n}' },
  { kind: 'function', name: 'shadowRoot', body: '(n) {\n  return n?.shadowRoot ?? null;\n}' },
  { kind: 'function', name: 'querySelector', body: '(n, selectors) {\n  return n.querySelector(selectors);\n}' },
  { kind: 'function', name: 'querySelectorAll', body: '(n, selectors) {\n  return n.querySelectorAll(selectors);\n}' },
  // `maskAllInputs` is pinned to rrweb's default and no `maskInputOptions` object is built from it (DEAD_CODE), so
  // rrweb's own input masking never masks: it hands the value on. Lowlight masks every field's value itself.
  { kind: 'function', name: 'maskInputValue', body: '({ value }) {\n  return value || "";\n}' },
  // `collectFonts` is always false: font files are never recorded.
  { kind: 'function', name: 'initFontObserver', body: '() { return () => {}; }' },
  // rrdom's virtual node, bundled for `instanceof` checks that are always false on a real page.
  { kind: 'class', name: 'BaseRRNode', body: ' {}' },
  // rrweb's own text masking by class (`rr-mask`): Lowlight decides masking itself, on every event,
  // and this saves an ancestor `closest()` walk per element while rrweb serializes.
  { kind: 'function', name: 'needMaskingText', body: '() { return false; }' },
  // Replay fidelity the script-tag build trades for its size budget (the npm build keeps them):
  // text selections, media playback (play, pause, seek), custom-element definitions, and declarations set
  // through the CSSOM on a stylesheet's rules (`rule.style.setProperty()`; inline styles are attribute changes and
  // stay). The last also stops rrweb wrapping every `CSSStyleDeclaration.setProperty` call the page makes.
  { kind: 'function', name: 'initSelectionObserver', body: '() { return () => {}; }' },
  { kind: 'function', name: 'initMediaInteractionObserver', body: '() { return () => {}; }' },
  { kind: 'function', name: 'initCustomElementObserver', body: '() { return () => {}; }' },
  { kind: 'function', name: 'initStyleDeclarationObserver', body: '() { return () => {}; }' },
  // Where a <style> holds several text nodes (CSS-in-JS in development mode appends one per rule), rrweb cuts the
  // sheet's text to match each node, so that a later change to one of them replays in place. The script-tag build
  // records the whole sheet as one piece, as rrweb itself does when it cannot find the cuts: the sheet replays as it
  // was at the snapshot, and such a later change to one text node may replay out of place.
  { kind: 'function', name: 'splitCssText', body: '(cssText) {\n  return [cssText];\n}' },
  // rrweb rewrites each candidate URL of a `srcset` to an absolute one, so that another page could load the images.
  // Lowlight's viewer never loads a recorded URL (its Content-Security-Policy allows none), so the script-tag build
  // records `srcset` as the page wrote it; the masker scrubs it as a URL either way. A replayer of another project
  // would have to resolve those URLs against the page's (the meta event's `href`).
  { kind: 'function', name: 'getAbsoluteSrcsetString', body: '(doc, attributeValue) {\n  return attributeValue;\n}' },
  // The same for `url()` in CSS (stylesheets, `<style>` text, `style` attributes): recorded as written, not resolved
  // against the page's or the stylesheet's URL. The masker scrubs each `url()` either way.
  { kind: 'function', name: 'absolutifyURLs', body: '(cssText) {\n  return cssText || "";\n}' },
  // The same for `href`, `src` and the other URL attributes (rrweb resolves each against the page with an anchor
  // element, at every snapshot and attribute change): recorded as the page wrote them. The masker scrubs each URL
  // either way; the page's own URL (the meta event's `href`) is absolute, and a replayer of another project would
  // resolve against it. `getHref` then only read the page's URL for `absolutifyURLs`, which ignores it.
  { kind: 'function', name: 'transformAttribute', body: '(doc, tagName, name, value) {\n  return value;\n}' },
  { kind: 'function', name: 'getHref', body: '() {\n  return "";\n}' },
  // An `@import` whose sheet cannot be read (another origin's) is recorded as the browser writes it (`cssText`).
  // rrweb rebuilds the statement when that text holds more than one `"`, to work around browsers that wrote such a
  // URL unescaped; a replay of such a rule may then miss that imported sheet.
  { kind: 'function', name: 'escapeImportStatement', body: '(rule) {\n  return rule.cssText;\n}' },
  // rrweb adds `-webkit-background-clip: text` beside the standard declaration for browsers that knew only the
  // prefixed one: current browsers (Chrome 120, Firefox 49, Safari 14 and later) read the standard one.
  { kind: 'function', name: 'fixBrowserCompatibilityIssuesInCSS', body: '(cssText) {\n  return cssText;\n}' },
  // The page's scroll position, read as every browser this ES2020 bundle runs in gives it (`scrollX`/`scrollY`, the
  // scrolling element's position in standards and quirks mode alike) instead of rrweb's chain of fallbacks for
  // browsers without `document.scrollingElement`.
  { kind: 'function', name: 'getWindowScroll', body: '(win) {\n  return { left: win.scrollX, top: win.scrollY };\n}' },
  // The viewport's size as every browser this ES2020 bundle runs in gives it (`innerWidth`/`innerHeight`), instead of
  // rrweb's fallbacks to the root's or the body's client size for browsers without them.
  { kind: 'function', name: 'getWindowWidth', body: '() {\n  return innerWidth;\n}' },
  { kind: 'function', name: 'getWindowHeight', body: '() {\n  return innerHeight;\n}' },
  // The extension of a `<link>`'s href (a prefetched `.js`, a preloaded `.css`), read off the URL as written rather
  // than parsed against the page's: the same answer for every path and query (only a bare host like
  // `https://cdn.example` gives `example` here and none in rrweb, which no caller asks about).
  { kind: 'function', name: 'extractFileExtension', body: '(path) {\n  return /\\.([0-9a-z]+)(?:[?#]|$)/i.exec(path)?.[1] ?? null;\n}' },
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

// Lowlight passes record() only these options (checked against createRecorder's call at build time).
// Every other option is pinned to rrweb's default as a constant, so the minifier drops the branches
// behind them: packing, plugins, checkouts, emitting to a parent frame, `maskAllInputs` and friends.
const PASSED_OPTIONS = new Set(['emit', 'blockSelector', 'sampling', 'slimDOMOptions', 'errorHandler']);
const RECORD_OPTIONS = {
  start: 'function record(options = {}) {\n  const {\n',
  end: '\n  } = options;\n',
  names:
    'emit,checkoutEveryNms,checkoutEveryNth,blockClass,blockSelector,ignoreClass,ignoreSelector,maskTextClass,' +
    'maskTextSelector,inlineStylesheet,maskAllInputs,maskInputOptions,slimDOMOptions,maskInputFn,maskTextFn,hooks,' +
    'packFn,sampling,dataURLOptions,mousemoveWait,recordDOM,recordCanvas,recordCrossOriginIframes,recordAfter,' +
    'userTriggeredOnInput,collectFonts,inlineImages,plugins,keepIframeSrcFn,ignoreCSSAttributes,errorHandler',
  // rrweb's default reads `options.recordAfter`, which Lowlight never sets.
  pinnedDefaults: { recordAfter: '"load"' },
};

// Pixels are never recorded (`recordCanvas` and `inlineImages` are pinned false): serializeElementNode's
// branches that draw canvases and images into data URLs go, and with them the canvas helpers they use.
const PIXEL_CAPTURE = {
  start: '  if (tagName === "canvas" && recordCanvas) {\n',
  end: '  if (["audio", "video"].includes(tagName)) {\n',
  statements: 'if (tagName === "canvas" && recordCanvas) {|}|if (tagName === "img" && inlineImages) {|}',
};

const MOUSE_INTERACTIONS = ['MouseUp', 'MouseDown', 'Click', 'ContextMenu', 'DblClick', 'Focus', 'Blur', 'TouchStart', 'TouchMove_Departed', 'TouchEnd', 'TouchCancel'];

// Exact statements made dead by the pinned options or by the browsers this ES2020 bundle runs in.
const DEAD_CODE = [
  // record() is snapshot()'s only caller and always passes the resolved `maskInputOptions` object.
  {
    find: '  const maskInputOptions = maskAllInputs === true ? {\n    color: true,\n    date: true,\n    "datetime-local": true,\n    email: true,\n    month: true,\n    number: true,\n    range: true,\n    search: true,\n    tel: true,\n    text: true,\n    time: true,\n    url: true,\n    week: true,\n    textarea: true,\n    select: true,\n    password: true\n  } : maskAllInputs === false ? {\n    password: true\n  } : maskAllInputs;\n  const slimDOMOptions = slimDOMDefaults(slimDOM);\n',
    replace: '  const maskInputOptions = maskAllInputs;\n  const slimDOMOptions = slimDOMDefaults(slimDOM);\n',
  },
  // `blockClass` is pinned to rrweb's default, the string "rr-block": the branches for a RegExp class are dead,
  // and with them classMatchesRegex (its other caller, needMaskingText, is inert).
  {
    find: '    if (typeof blockClass === "string") {\n      if (element.classList.contains(blockClass)) {\n        return true;\n      }\n    } else {\n      for (let eIndex = element.classList.length; eIndex--; ) {\n        const className = element.classList[eIndex];\n        if (blockClass.test(className)) {\n          return true;\n        }\n      }\n    }\n',
    replace: '    if (element.classList.contains(blockClass)) {\n      return true;\n    }\n',
  },
  {
    find: '    if (typeof blockClass === "string") {\n      if (el.classList.contains(blockClass)) return true;\n      if (checkAncestors && el.closest("." + blockClass) !== null) return true;\n    } else {\n      if (classMatchesRegex(el, blockClass, checkAncestors)) return true;\n    }\n',
    replace: '    if (el.classList.contains(blockClass)) return true;\n    if (checkAncestors && el.closest("." + blockClass) !== null) return true;\n',
  },
  // rrweb reads MouseInteractions only by name (`MouseInteractions[eventKey]`, and the names it lists skip numbers): the
  // enum's number-to-name entries are never read, so it is a plain object.
  {
    find: MOUSE_INTERACTIONS.map((name, i) => `  MouseInteractions2[MouseInteractions2["${name}"] = ${i}] = "${name}";\n`).join(''),
    replace: `  Object.assign(MouseInteractions2, { ${MOUSE_INTERACTIONS.map((name, i) => `${name}: ${i}`).join(', ')} });\n`,
  },
  // NodeList and DOMTokenList have had forEach since before any browser that parses ES2020.
  { find: '  polyfill();\n', replace: '' },
  // The base64 decoding table for canvas payloads: written at load, never read, and canvases are never recorded.
  {
    find: 'var lookup = typeof Uint8Array === "undefined" ? [] : new Uint8Array(256);\nfor (var i = 0; i < chars.length; i++) {\n  lookup[chars.charCodeAt(i)] = i;\n}\n',
    replace: '',
  },
  // A console diagnostic for page developers, worded shorter (the node it names is still logged).
  {
    find: '"Couldn\'t record new node. Couldn\'t find mirror id for nextSibling:",',
    replace: '"rrweb: no id for nextSibling",',
  },
  // The node and stylesheet mirrors' methods for rrweb's replayer: recording never lists ids, swaps a node under an
  // id or looks a stylesheet up by its id.
  { find: '  getIds() {\n    return Array.from(this.idNodeMap.keys());\n  }\n', replace: '' },
  { find: '  getStyle(id) {\n    return this.idStyleMap.get(id) || null;\n  }\n', replace: '' },
  {
    find: '  replace(id, n) {\n    const oldNode = this.getNode(id);\n    if (oldNode) {\n      const meta = this.nodeMetaMap.get(oldNode);\n      if (meta) this.nodeMetaMap.set(n, meta);\n    }\n    this.idNodeMap.set(id, n);\n  }\n',
    replace: '',
  },
  // `plugins` is pinned undefined: no plugin processes events, receives the mirrors or observes the page.
  { find: '    for (const plugin of plugins || []) {\n      if (plugin.eventProcessor) {\n        e = plugin.eventProcessor(e);\n      }\n    }\n', replace: '' },
  { find: '  for (const plugin of plugins || []) {\n    if (plugin.getMirror)\n      plugin.getMirror({\n        nodeMirror: mirror,\n        crossOriginIframeMirror: iframeManager.crossOriginIframeMirror,\n        crossOriginIframeStyleMirror: iframeManager.crossOriginIframeStyleMirror\n      });\n  }\n', replace: '' },
  {
    find: '          plugins: ((_a2 = plugins == null ? void 0 : plugins.filter((p) => p.observer)) == null ? void 0 : _a2.map((p) => ({\n            observer: p.observer,\n            options: p.options,\n            callback: (payload) => wrappedEmit({\n              type: EventType.Plugin,\n              data: {\n                plugin: p.name,\n                payload\n              }\n            })\n          }))) || []\n',
    replace: '',
  },
  { find: '  const pluginHandlers = [];\n  for (const plugin of o.plugins) {\n    pluginHandlers.push(\n      plugin.observer(plugin.callback, currentWindow, plugin.options)\n    );\n  }\n', replace: '' },
  { find: '    pluginHandlers.forEach((h) => h());\n', replace: '' },
  // The callbacks of the observers made inert above (INERT_DECLARATIONS, `collectFonts`): nothing calls them.
  ...[
    ['mediaInteractionCb', 'MediaInteraction', 'p'],
    ['fontCb', 'Font', 'p'],
    ['styleDeclarationCb', 'StyleDeclaration', 'r'],
  ].map(([name, source, arg]) => ({
    find: `          ${name}: (${arg}) => wrappedEmit({\n            type: EventType.IncrementalSnapshot,\n            data: {\n              source: IncrementalSource.${source},\n              ...${arg}\n            }\n          }),\n`,
    replace: '',
  })),
  ...[
    ['selectionCb', 'Selection', 'p'],
    ['customElementCb', 'CustomElement', 'c'],
  ].map(([name, source, arg]) => ({
    find: `          ${name}: (${arg}) => {\n            wrappedEmit({\n              type: EventType.IncrementalSnapshot,\n              data: {\n                source: IncrementalSource.${source},\n                ...${arg}\n              }\n            });\n          },\n`,
    replace: '',
  })),
];

// Replay fidelity the script-tag build trades for its size budget, like the inert observers above: media elements'
// playback state at snapshot time. The playback events that would keep it current are not recorded either, and a
// replay never loads the recorded media, so no viewer of Lowlight's could play it from there anyway.
const MEDIA_STATE = {
  find: '  if (["audio", "video"].includes(tagName)) {\n    const mediaAttributes = attributes;\n    mediaAttributes.rr_mediaState = n.paused ? "paused" : "played";\n    mediaAttributes.rr_mediaCurrentTime = n.currentTime;\n    mediaAttributes.rr_mediaPlaybackRate = n.playbackRate;\n    mediaAttributes.rr_mediaMuted = n.muted;\n    mediaAttributes.rr_mediaLoop = n.loop;\n    mediaAttributes.rr_mediaVolume = n.volume;\n  }\n',
  replace: '',
};

// Replay fidelity the script-tag build trades for its size budget: values a script writes into form fields
// (`input.value = …`, `checked`, `selectedIndex`) after the snapshot. rrweb wraps those setters on the page's
// prototypes to report each write as an input event; the script tag records what the visitor types and picks (input
// and change events) and the values each snapshot holds. Under the default masking such an event carried no more
// than the length of a masked value. The page's field prototypes are also left unwrapped.
const PROGRAMMATIC_INPUT = {
  find:
    '  const propertyDescriptor = currentWindow.Object.getOwnPropertyDescriptor(\n    currentWindow.HTMLInputElement.prototype,\n    "value"\n  );\n' +
    '  const hookProperties = [\n    [currentWindow.HTMLInputElement.prototype, "value"],\n    [currentWindow.HTMLInputElement.prototype, "checked"],\n' +
    '    [currentWindow.HTMLSelectElement.prototype, "value"],\n    [currentWindow.HTMLTextAreaElement.prototype, "value"],\n' +
    '    // Some UI library use selectedIndex to set select value\n    [currentWindow.HTMLSelectElement.prototype, "selectedIndex"],\n' +
    '    [currentWindow.HTMLOptionElement.prototype, "selected"]\n  ];\n  if (propertyDescriptor && propertyDescriptor.set) {\n' +
    '    handlers.push(\n      ...hookProperties.map(\n        (p) => hookSetter(\n          p[0],\n          p[1],\n          {\n            set() {\n' +
    '              callbackWrapper(eventHandler)({\n                target: this,\n                isTrusted: false\n' +
    '                // userTriggered to false as this could well be programmatic\n              });\n            }\n          },\n' +
    '          false,\n          currentWindow\n        )\n      )\n    );\n  }\n',
  replace: '',
};

// A changed `style` attribute is recorded as the page wrote it, like every other attribute. rrweb parsed the old value
// into a span of a second document at each change, compared every property of both, and sent the properties that
// differ when their JSON was the shorter: work per style change on the main thread, for a few bytes that gzip takes
// back from a 30-second batch anyway. A replay sets the attribute; the result is the same page.
const STYLE_AS_WRITTEN = [
  {
    find:
      '          if (typeof attributes.style === "string") {\n            const diffAsStr = JSON.stringify(attribute.styleDiff);\n' +
      '            const unchangedAsStr = JSON.stringify(attribute._unchangedStyles);\n            if (diffAsStr.length < attributes.style.length) {\n' +
      '              if ((diffAsStr + unchangedAsStr).split("var(").length === attributes.style.split("var(").length) {\n' +
      '                attributes.style = attribute.styleDiff;\n              }\n            }\n          }\n',
    replace: '',
  },
  {
    find: '          attributes: {},\n          styleDiff: {},\n          _unchangedStyles: {}\n',
    replace: '          attributes: {}\n',
  },
  {
    find: '              attributes: {},\n              styleDiff: {},\n              _unchangedStyles: {}\n',
    replace: '              attributes: {}\n',
  },
  {
    find:
      '            if (attributeName === "style") {\n              if (!this.unattachedDoc) {\n                try {\n' +
      '                  this.unattachedDoc = document.implementation.createHTMLDocument();\n                } catch (e) {\n' +
      '                  this.unattachedDoc = this.doc;\n                }\n              }\n' +
      '              const old = this.unattachedDoc.createElement("span");\n              if (m.oldValue) {\n' +
      '                old.setAttribute("style", m.oldValue);\n              }\n' +
      '              for (const pname of Array.from(target.style)) {\n                const newValue = target.style.getPropertyValue(pname);\n' +
      '                const newPriority = target.style.getPropertyPriority(pname);\n' +
      '                if (newValue !== old.style.getPropertyValue(pname) || newPriority !== old.style.getPropertyPriority(pname)) {\n' +
      '                  if (newPriority === "") {\n                    item.styleDiff[pname] = newValue;\n                  } else {\n' +
      '                    item.styleDiff[pname] = [newValue, newPriority];\n                  }\n                } else {\n' +
      '                  item._unchangedStyles[pname] = [newValue, newPriority];\n                }\n              }\n' +
      '              for (const pname of Array.from(old.style)) {\n                if (target.style.getPropertyValue(pname) === "") {\n' +
      '                  item.styleDiff[pname] = false;\n                }\n              }\n' +
      '            } else if (attributeName === "open" && target.tagName === "DIALOG") {\n',
    replace: '            if (attributeName === "open" && target.tagName === "DIALOG") {\n',
  },
];

// Replay fidelity the script-tag build trades for its size budget: rrweb's workarounds for rare pages and one browser's
// old bug, as exact statements.
const RARE_FALLBACKS = [
  // The clock is read as the page's own code and Lowlight's transport read it (`Date.now`): rrweb checks once that it
  // gives 13 digits and otherwise falls back to `new Date().getTime()`, for a page whose script replaced `Date.now`.
  {
    find: 'let nowTimestamp = Date.now;\nif (!/* @__PURE__ */ /[1-9][0-9]{12}/.test(Date.now().toString())) {\n  nowTimestamp = () => (/* @__PURE__ */ new Date()).getTime();\n}\n',
    replace: 'const nowTimestamp = Date.now;\n',
  },
  // Safari wrote a namespaced attribute selector (`[xlink:href]`) without escaping its colon, so a replay could not
  // parse that rule, and rrweb escapes it in every rule whose selector holds a `:`. The script tag records rules as
  // the browser writes them: in Safari such a rule is missing from the replay.
  {
    find: '    if (isCSSStyleRule(rule) && rule.selectorText.includes(":")) {\n      ruleStringified = fixSafariColons(ruleStringified);\n    }\n',
    replace: '',
  },
];

// rrweb's serializer passes its options on by listing each of them again: in five of its calls (to a node's children,
// to a frame's document and a loaded sheet's, and from serializeNode to the element's and the text's serializers)
// these pass on the options they were given instead, with what the call changes, and unpack only what they read. An
// option the callee defaults (`skipChild`, `inlineStylesheet`, `maskInputOptions`, the load timeouts) reaches it as
// given and is defaulted there the same way. What a call left out, and so reset, is reset (`newlyAddedElement`,
// `cssCaptured`, and `skipChild` for a frame's document and a loaded sheet). The call to serializeNode keeps its list:
// passed a copy, serializeNode read options of two shapes (the snapshot's and a mutation's) at every node, and the
// 1,000-mutation burst took 32 ms longer (docs/benchmarks.md).
const OPTION_SPREADS = [
  {
    find: "    const bypassOptions = {\n      doc,\n      mirror: mirror2,\n      blockClass,\n      blockSelector,\n      needsMask,\n      maskTextClass,\n      maskTextSelector,\n      skipChild,\n      inlineStylesheet,\n      maskInputOptions,\n      maskTextFn,\n      maskInputFn,\n      slimDOMOptions,\n      dataURLOptions,\n      inlineImages,\n      recordCanvas,\n      preserveWhiteSpace,\n      onSerialize,\n      onIframeLoad,\n      iframeLoadTimeout,\n      onStylesheetLoad,\n      stylesheetLoadTimeout,\n      keepIframeSrcFn,\n      cssCaptured: false\n    };\n",
    replace: '    const bypassOptions = { ...options, needsMask, preserveWhiteSpace, newlyAddedElement: false, cssCaptured: false };\n',
  },
  {
    find: "          const serializedIframeNode = serializeNodeWithId(iframeDoc, {\n            doc: iframeDoc,\n            mirror: mirror2,\n            blockClass,\n            blockSelector,\n            needsMask,\n            maskTextClass,\n            maskTextSelector,\n            skipChild: false,\n            inlineStylesheet,\n            maskInputOptions,\n            maskTextFn,\n            maskInputFn,\n            slimDOMOptions,\n            dataURLOptions,\n            inlineImages,\n            recordCanvas,\n            preserveWhiteSpace,\n            onSerialize,\n            onIframeLoad,\n            iframeLoadTimeout,\n            onStylesheetLoad,\n            stylesheetLoadTimeout,\n            keepIframeSrcFn\n          });\n",
    replace: '          const serializedIframeNode = serializeNodeWithId(iframeDoc, { ...options, doc: iframeDoc, needsMask, skipChild: false, newlyAddedElement: false, cssCaptured: false });\n',
  },
  {
    find: "          const serializedLinkNode = serializeNodeWithId(n, {\n            doc,\n            mirror: mirror2,\n            blockClass,\n            blockSelector,\n            needsMask,\n            maskTextClass,\n            maskTextSelector,\n            skipChild: false,\n            inlineStylesheet,\n            maskInputOptions,\n            maskTextFn,\n            maskInputFn,\n            slimDOMOptions,\n            dataURLOptions,\n            inlineImages,\n            recordCanvas,\n            preserveWhiteSpace,\n            onSerialize,\n            onIframeLoad,\n            iframeLoadTimeout,\n            onStylesheetLoad,\n            stylesheetLoadTimeout,\n            keepIframeSrcFn\n          });\n",
    replace: '          const serializedLinkNode = serializeNodeWithId(n, { ...options, needsMask, skipChild: false, newlyAddedElement: false, cssCaptured: false });\n',
  },
  // rrweb's masking test is inert (INERT_DECLARATIONS): the class and selector it was given are not unpacked.
  {
    find: "function serializeNodeWithId(n, options) {\n  const {\n    doc,\n    mirror: mirror2,\n    blockClass,\n    blockSelector,\n    maskTextClass,\n    maskTextSelector,\n    skipChild = false,\n    inlineStylesheet = true,\n    maskInputOptions = {},\n    maskTextFn,\n    maskInputFn,\n    slimDOMOptions,\n    dataURLOptions = {},\n    inlineImages = false,\n    recordCanvas = false,\n    onSerialize,\n    onIframeLoad,\n    iframeLoadTimeout = 5e3,\n    onStylesheetLoad,\n    stylesheetLoadTimeout = 5e3,\n    keepIframeSrcFn = () => false,\n    newlyAddedElement = false,\n    cssCaptured = false\n  } = options;\n  let { needsMask } = options;\n  let { preserveWhiteSpace = true } = options;\n  if (!needsMask) {\n    const checkAncestors = needsMask === void 0;\n    needsMask = needMaskingText(\n      n,\n      maskTextClass,\n      maskTextSelector,\n      checkAncestors\n    );\n  }\n",
    replace: "function serializeNodeWithId(n, options) {\n  const {\n    doc,\n    mirror: mirror2,\n    blockClass,\n    blockSelector,\n    skipChild = false,\n    inlineStylesheet = true,\n    maskInputOptions = {},\n    maskTextFn,\n    maskInputFn,\n    slimDOMOptions,\n    dataURLOptions = {},\n    inlineImages = false,\n    recordCanvas = false,\n    onSerialize,\n    onIframeLoad,\n    iframeLoadTimeout = 5e3,\n    onStylesheetLoad,\n    stylesheetLoadTimeout = 5e3,\n    keepIframeSrcFn = () => false,\n    newlyAddedElement = false,\n    cssCaptured = false\n  } = options;\n  let { needsMask } = options;\n  let { preserveWhiteSpace = true } = options;\n  if (!needsMask) {\n    needsMask = needMaskingText();\n  }\n",
  },
  // serializeNode passes its options on to the element's and the text's serializer, which default them alike.
  {
    find: "function serializeNode(n, options) {\n  const {\n    doc,\n    mirror: mirror2,\n    blockClass,\n    blockSelector,\n    needsMask,\n    inlineStylesheet,\n    maskInputOptions = {},\n    maskTextFn,\n    maskInputFn,\n    dataURLOptions = {},\n    inlineImages,\n    recordCanvas,\n    keepIframeSrcFn,\n    newlyAddedElement = false,\n    cssCaptured = false\n  } = options;\n",
    replace: "function serializeNode(n, options) {\n  const { doc, mirror: mirror2 } = options;\n",
  },
  {
    find: "      return serializeElementNode(n, {\n        doc,\n        blockClass,\n        blockSelector,\n        inlineStylesheet,\n        maskInputOptions,\n        maskInputFn,\n        dataURLOptions,\n        inlineImages,\n        recordCanvas,\n        keepIframeSrcFn,\n        newlyAddedElement,\n        rootId\n      });\n",
    replace: "      return serializeElementNode(n, { ...options, rootId });\n",
  },
  {
    find: "      return serializeTextNode(n, {\n        doc,\n        needsMask,\n        maskTextFn,\n        rootId,\n        cssCaptured\n      });\n",
    replace: "      return serializeTextNode(n, { ...options, rootId });\n",
  },
  // snapshot()'s one caller, record(), passes every option it reads, so its defaults are never used.
  {
    find: "function snapshot(n, options) {\n  const {\n    mirror: mirror2 = new Mirror(),\n    blockClass = \"rr-block\",\n    blockSelector = null,\n    maskTextClass = \"rr-mask\",\n    maskTextSelector = null,\n    inlineStylesheet = true,\n    inlineImages = false,\n    recordCanvas = false,\n    maskAllInputs = false,\n    maskTextFn,\n    maskInputFn,\n    slimDOM = false,\n    dataURLOptions,\n    preserveWhiteSpace,\n    onSerialize,\n    onIframeLoad,\n    iframeLoadTimeout,\n    onStylesheetLoad,\n    stylesheetLoadTimeout,\n    keepIframeSrcFn = () => false\n  } = options;\n  const maskInputOptions = maskAllInputs;\n  const slimDOMOptions = slimDOMDefaults(slimDOM);\n  return serializeNodeWithId(n, {\n    doc: n,\n    mirror: mirror2,\n    blockClass,\n    blockSelector,\n    maskTextClass,\n    maskTextSelector,\n    skipChild: false,\n    inlineStylesheet,\n    maskInputOptions,\n    maskTextFn,\n    maskInputFn,\n    slimDOMOptions,\n    dataURLOptions,\n    inlineImages,\n    recordCanvas,\n    preserveWhiteSpace,\n    onSerialize,\n    onIframeLoad,\n    iframeLoadTimeout,\n    onStylesheetLoad,\n    stylesheetLoadTimeout,\n    keepIframeSrcFn,\n    newlyAddedElement: false\n  });\n}\n",
    replace:
      'function snapshot(n, options) {\n  return serializeNodeWithId(n, { ...options, doc: n, maskInputOptions: options.maskAllInputs, slimDOMOptions: slimDOMDefaults(options.slimDOM), skipChild: false, newlyAddedElement: false });\n}\n',
  },
];

// Replay fidelity the script-tag build trades for its size budget: rules a script inserts into or deletes from a rule
// nested in a stylesheet (`mediaRule.insertRule()` on an `@media`, `@supports` or other grouping rule) after the
// snapshot. Rules inserted into or deleted from the stylesheet itself (CSS-in-JS libraries insert whole `@media` rules
// there) and `replace()`/`replaceSync()` stay recorded, as does every sheet's text at each snapshot. It also stops
// rrweb wrapping the grouping rules' `insertRule`/`deleteRule` on the page's prototypes.
const NESTED_RULES = {
  start: '  const supportedNestedCSSRuleTypes = {};\n',
  end: '  return callbackWrapper(() => {\n    win.CSSStyleSheet.prototype.insertRule = insertRule;\n',
  restore:
    '    Object.entries(supportedNestedCSSRuleTypes).forEach(([typeKey, type]) => {\n' +
    '      type.prototype.insertRule = unmodifiedFunctions[typeKey].insertRule;\n' +
    '      type.prototype.deleteRule = unmodifiedFunctions[typeKey].deleteRule;\n    });\n',
};

// Fixes of rrweb bugs, each with its upstream report. Not trims: the recorder behaves as rrweb meant it to.
const RRWEB_FIXES = [
  // Where a page's library redefined `Array.from` without its mapping function (Prototype.js, as on Magento 1 stores),
  // rrweb replaces the page's own `Array.from` when it loads, with one taken from an iframe it adds to the page: a
  // change to the page's globals and DOM on load, which Lowlight never makes. The script tag leaves the page's
  // `Array.from` alone and does without it where rrweb relied on its mapping or on it reading a Set.
  {
    find: 'try {\n  if (Array.from([1], (x) => x * 2)[0] !== 2) {\n    const cleanFrame = document.createElement("iframe");\n    document.body.appendChild(cleanFrame);\n    Array.from = ((_a = cleanFrame.contentWindow) == null ? void 0 : _a.Array.from) || Array.from;\n    document.body.removeChild(cleanFrame);\n  }\n} catch (err) {\n  console.debug("Unable to override Array.from", err);\n}\n',
    replace: '',
  },
  {
    find: 'Array.from(\n      rules,\n      (rule) => stringifyRule(rule, sheetHref)\n    )',
    replace: 'Array.prototype.map.call(rules, (rule) => stringifyRule(rule, sheetHref))',
  },
  {
    find: 'Array.from(\n        index.childNodes(textarea),\n        (cn) => index.textContent(cn) || ""\n      )',
    replace: 'Array.prototype.map.call(index.childNodes(textarea), (cn) => index.textContent(cn) || "")',
  },
  { find: 'rules: Array.from(sheet.rules || CSSRule, (r, index2) => ({', replace: 'rules: Array.prototype.map.call(sheet.rules || [], (r, index2) => ({' },
  { find: 'return buffers && Array.from(buffers).some(', replace: 'return buffers && [...buffers].some(' },
  // rrweb tests whether a page patched DOM prototypes (Zone.js and the like) and, if so, takes clean ones from a
  // fresh iframe. `querySelector`/`querySelectorAll` are methods, but rrweb tested them as getters, so the test
  // always failed and every start created and removed a hidden iframe: 25–130 ms of main thread on a cold page,
  // most of raw rrweb's start on a small page (rrweb-io/rrweb#1802). The script tag reads node accessors, shadow
  // roots and `querySelector` as the page does (INERT_DECLARATIONS), so only `Node`'s `contains`/`getRootNode` and
  // the MutationObserver are still taken from clean prototypes, and only their methods are tested.
  {
    find: 'const testableAccessors = {\n  Node: [\n    "childNodes",\n    "parentNode",\n    "parentElement",\n    "textContent",\n    "ownerDocument",\n    "firstChild",\n    "lastChild",\n    "nextSibling",\n    "previousSibling"\n  ],\n  ShadowRoot: ["host", "styleSheets"],\n  Element: ["shadowRoot", "querySelector", "querySelectorAll"],\n  MutationObserver: []\n};\nconst testableMethods = {\n  Node: ["contains", "getRootNode"],\n  ShadowRoot: ["getSelection"],\n  Element: [],\n  MutationObserver: ["constructor"]\n};\n',
    replace: 'const testableAccessors = { Node: [], MutationObserver: [] };\nconst testableMethods = { Node: ["contains", "getRootNode"], MutationObserver: ["constructor"] };\n',
  },
];

// Lowlight always passes `blockSelector: '[data-ll-block]'` (checked at build time). While snapshotting, rrweb
// tests it with `matches()` on every element, a selector match per node (7–12 ms on 10k nodes); `hasAttribute`
// tests the same mark for a fraction of that. It also finds the attribute in a namespace, where the selector
// would not: it can block more, never less. Mutations still test the selector, with their ancestors.
const BLOCK_MARK = '[data-ll-block]';
const BLOCK_TEST = {
  find: '    if (blockSelector) {\n      return element.matches(blockSelector);\n    }\n',
  replace: `    if (blockSelector) {\n      return element.hasAttribute(${JSON.stringify(BLOCK_MARK.slice(1, -1))});\n    }\n`,
};

// Lowlight always passes `slimDOMOptions: 'all'` (checked at build time), so every slimming rule is on:
// each `slimDOMOptions.<rule> &&` test is true, and the options object rrweb builds is never read.
const SLIM_DOM = {
  rules: 'comment,script,headFavicon,headMetaDescKeywords,headMetaSocial,headMetaRobots,headMetaHttpEquiv,headMetaAuthorship,headMetaVerification,headWhitespace',
  titleTest: ' && slimDOMOptions.headTitleMutations)',
  defaults: /^function slimDOMDefaults\(_slimDOMOptions\) \{\n[\s\S]*?\n\}\n/m,
};

// With every rule on, rrweb's slimming drops comments, scripts and script preloads, the favicon link and a dozen
// named kinds of <meta> (description, social, robots, authorship, verification tokens, http-equiv). The script-tag
// build drops every <meta> but the charset and the few that shape how the page renders (viewport, color-scheme,
// theme-color) with one test in place of rrweb's lists: more left out, none of it shown in a replay, fewer bytes.
const SLIM_DOM_RULE = {
  kind: 'function',
  name: 'slimDOMExcluded',
  body: `(sn) {
  if (sn.type === NodeType.Comment) return true;
  if (sn.type !== NodeType.Element) return false;
  const { tagName, attributes } = sn;
  const rel = attributes.rel;
  return tagName === "script" ||
    tagName === "link" && (rel === "modulepreload" || rel === "shortcut icon" || rel === "preload" && attributes.as === "script" ||
      rel === "prefetch" && typeof attributes.href === "string" && extractFileExtension(attributes.href) === "js") ||
    tagName === "meta" && attributes.charset === void 0 && !/^(?:viewport|color-scheme|theme-color)$/.test(lowerIfExists(attributes.name));
}`,
};

// record()'s static helpers, which Lowlight never calls (checked at build time): custom events, freezing and
// manual snapshots. Lowlight builds its own custom events and restarts record() to resnapshot. The mirror stays:
// the masker reads the live page through it (packages/core/src/readInlineRun.ts).
const RECORD_STATICS = { start: 'record.addCustomEvent = ', end: 'export {\n  record\n};', names: 'addCustomEvent,freezePage,takeFullSnapshot,mirror', kept: 'record.mirror = mirror;\n' };

// rrweb's TypeScript enums compile to objects with reverse mappings. Where rrweb reads them only as
// `Enum.Member`, each read becomes its number and the object goes. (Not a trim: same values, fewer bytes.)
const CONSTANT_ENUMS = ['EventType', 'IncrementalSource', 'PointerTypes', 'MediaInteractions', 'NodeType'];

// Names of rrweb's internal option bags, class fields and methods, which the script-tag build's minifier
// shortens (terser `mangle.properties`). None is a DOM name (terser reserves those), part of rrweb's event
// format, or a name Lowlight's own code uses (checked at build time), so no object from outside the bundle
// is ever read by one of them. rrweb reads none of them by a computed key once MutationBuffer.init is unrolled.
export const RRWEB_INTERNAL_PROPERTIES = [
  'getMeta', 'hasNode', 'removeNodeFromMap', 'idNodeMap', 'nodeMetaMap',
  'blockClass', 'maskTextClass', 'maskTextSelector', 'maskTextFn', 'maskInputFn', 'maskInputOptions',
  'inlineStylesheet', 'inlineImages', 'recordCanvas', 'recordDOM', 'collectFonts', 'dataURLOptions',
  'keepIframeSrcFn', 'preserveWhiteSpace', 'skipChild', 'newlyAddedElement', 'ignoreCSSAttributes',
  'onSerialize', 'onIframeLoad', 'onStylesheetLoad', 'iframeLoadTimeout', 'stylesheetLoadTimeout',
  'mutationCb', 'scrollCb', 'inputCb', 'mousemoveCb', 'mouseInteractionCb', 'viewportResizeCb',
  'styleSheetRuleCb', 'styleDeclarationCb', 'adoptedStyleSheetCb', 'wrappedEmit',
  'bypassOptions', 'stylesheetManager', 'shadowDomManager', 'iframeManager', 'canvasManager', 'processedNodeManager',
  'styleMirror', 'styleIDMap', 'idStyleMap', 'trackedLinkElements', 'trackLinkElement', 'attachLinkElement', 'adoptStyleSheets',
  'recordCrossOriginIframes', 'crossOriginIframeMirror', 'crossOriginIframeStyleMirror', 'crossOriginIframeMap',
  'loadListener', 'addIframe', 'attachIframe', 'shadowDoms', 'addShadowRoot', 'observeAttachShadow', 'patchAttachShadow',
  'restoreHandlers', 'addedSet', 'movedSet', 'droppedSet', 'movedMap', 'mapRemoves',
  'removesSubTreeCache', 'attributeMap', 'processMutations', 'processMutation', 'genAdds', 'genTextAreaValueMutation',
  'needsMask', 'cssCaptured', 'trackStylesheetInLinkElement', 'patchRootIdOnNode', 'addLoadListener', 'inOtherBuffer',
  'generateId', 'unfreeze', 'frozen', 'nodeMap', 'crossOriginIframeRootIdMap', 'iframes', 'handleMessage',
];

// rrweb internal names Lowlight's own code also uses, only on rrweb's objects: keys of its one record() call
// (checked against PASSED_OPTIONS), `record.mirror` and the mirror's lookups. Shortened on both sides, as neither
// object leaves the bundle.
export const RRWEB_SHARED_PROPERTIES = ['blockSelector', 'slimDOMOptions', 'errorHandler', 'mirror', 'getId', 'getNode'];

// MutationBuffer.init copies its options by a list of names; written out as assignments, every
// internal property above is read only by name, so the minifier can shorten it.
const MUTATION_BUFFER_INIT = /^ {2}init\(options\) \{\n {4}\[\n((?: {6}"\w+",?\n)+) {4}\]\.forEach\(\(key\) => \{\n {6}this\[key\] = options\[key\];\n {4}\}\);\n {2}\}\n/m;

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

function dropNestedRuleObservers(code) {
  const start = code.indexOf(NESTED_RULES.start);
  const end = code.indexOf(NESTED_RULES.end, start);
  const section = start >= 0 && end > start ? code.slice(start, end) : '';
  const patched = [...section.matchAll(/type\.prototype\.(\w+) = new Proxy/g)].map((match) => match[1]);
  if (patched.join(',') !== 'insertRule,deleteRule' || /\n {0,2}(?:function|class|const|let|var) (?!supportedNestedCSSRuleTypes|unmodifiedFunctions)/.test(section)) {
    throw shapeChanged('nested CSS rule observers');
  }
  const rest = code.slice(end);
  if (rest.indexOf(NESTED_RULES.restore) === -1) throw shapeChanged('nested CSS rule observers restore');
  return code.slice(0, start) + rest.replace(NESTED_RULES.restore, '');
}

function pinRecordOptions(code) {
  const start = code.indexOf(RECORD_OPTIONS.start);
  const end = code.indexOf(RECORD_OPTIONS.end, start);
  const lines = start >= 0 && end > start ? code.slice(start + RECORD_OPTIONS.start.length, end).split('\n') : [];
  const options = lines.map((line) => /^ {4}(\w+)(?:: (\w+))?(?: = (.+?))?,?$/.exec(line));
  if (options.some((match) => !match) || options.map((match) => match[1]).join(',') !== RECORD_OPTIONS.names) {
    throw shapeChanged('record() options');
  }
  const passed = options.filter(([, name]) => PASSED_OPTIONS.has(name)).map(([line]) => line.replace(/,?$/, ','));
  const pinned = options
    .filter(([, name]) => !PASSED_OPTIONS.has(name))
    .map(([, name, local, value]) => `  const ${local ?? name} = ${RECORD_OPTIONS.pinnedDefaults[name] ?? value ?? 'void 0'};`);
  const head = `${RECORD_OPTIONS.start}${passed.join('\n')}${RECORD_OPTIONS.end}${pinned.join('\n')}\n`;
  return code.slice(0, start) + head + code.slice(end + RECORD_OPTIONS.end.length);
}

function dropPixelCapture(code) {
  const start = code.indexOf(PIXEL_CAPTURE.start);
  const end = code.indexOf(PIXEL_CAPTURE.end);
  const section = start >= 0 && end > start ? code.slice(start, end) : '';
  const statements = [...section.matchAll(/^ {2}(\S.*)$/gm)].map((match) => match[1]);
  if (code.indexOf(PIXEL_CAPTURE.start, start + 1) !== -1 || statements.join('|') !== PIXEL_CAPTURE.statements) {
    throw shapeChanged('serializeElementNode pixel capture');
  }
  return code.slice(0, start) + code.slice(end);
}

/** Applies exact replacements, each of which must match once: DEAD_CODE, MEDIA_STATE, PROGRAMMATIC_INPUT, RARE_FALLBACKS, RRWEB_FIXES, BLOCK_TEST, OPTION_SPREADS. */
function replaceExactly(code, replacements) {
  return replacements.reduce((result, { find, replace }) => {
    const at = result.indexOf(find);
    if (at === -1 || result.indexOf(find, at + 1) !== -1) throw shapeChanged(JSON.stringify(find.slice(0, 40)));
    return result.slice(0, at) + replace + result.slice(at + find.length);
  }, code);
}

function pinSlimDom(code) {
  const rules = [...code.matchAll(/slimDOMOptions\.(\w+) && /g)].map((match) => match[1]);
  const title = code.indexOf(SLIM_DOM.titleTest);
  if (rules.join(',') !== SLIM_DOM.rules || title === -1 || code.indexOf(SLIM_DOM.titleTest, title + 1) !== -1 || !SLIM_DOM.defaults.test(code)) {
    throw shapeChanged('slimDOMOptions');
  }
  const pinned = code.replace(/slimDOMOptions\.\w+ && /g, '').replace(SLIM_DOM.titleTest, ')');
  if (/slimDOMOptions\./.test(pinned)) throw shapeChanged('slimDOMOptions');
  return pinned.replace(SLIM_DOM.defaults, 'function slimDOMDefaults() {\n  return {};\n}\n');
}

function dropRecordStatics(code) {
  const start = code.indexOf(RECORD_STATICS.start);
  const end = code.indexOf(RECORD_STATICS.end);
  const section = start >= 0 && end > start ? code.slice(start, end) : '';
  const names = [...section.matchAll(/^record\.(\w+) = /gm)].map((match) => match[1]);
  if (names.join(',') !== RECORD_STATICS.names || /^(?!record\.|\s|\}|$)/m.test(section) || !section.includes(RECORD_STATICS.kept)) {
    throw shapeChanged('record statics');
  }
  return code.slice(0, start) + RECORD_STATICS.kept + code.slice(end);
}

function unrollMutationBufferInit(code) {
  const match = MUTATION_BUFFER_INIT.exec(code);
  if (!match || MUTATION_BUFFER_INIT.test(code.slice(match.index + match[0].length))) throw shapeChanged('MutationBuffer.init');
  const assignments = [...match[1].matchAll(/"(\w+)"/g)].map(([, name]) => `    this.${name} = options.${name};\n`);
  return `${code.slice(0, match.index)}  init(options) {\n${assignments.join('')}  }\n${code.slice(match.index + match[0].length)}`;
}

/** Fails the build if rrweb names an internal property in a string, where the minifier would not rename it. */
function checkInternalPropertiesUnquoted(code) {
  const quoted = RRWEB_INTERNAL_PROPERTIES.find((name) => new RegExp(`["']${name}["']`).test(code));
  if (quoted) throw shapeChanged(`"${quoted}" as a string`);
  return code;
}

function inlineEnum(code, name) {
  const declaration = new RegExp(
    `^var ${name} = /\\* @__PURE__ \\*/ \\(\\(${name}2\\) => \\{\\n((?: {2}${name}2\\[${name}2\\["\\w+"\\] = \\d+\\] = "\\w+";\\n)+)` +
      ` {2}return ${name}2;\\n\\}\\)\\(${name} \\|\\| \\{\\}\\);\\n`,
    'm',
  );
  const match = declaration.exec(code);
  if (!match) throw shapeChanged(`enum ${name}`);
  const values = new Map([...match[1].matchAll(/\["(\w+)"\] = (\d+)\]/g)].map(([, member, value]) => [member, value]));
  const rest = code.slice(0, match.index) + code.slice(match.index + match[0].length);
  // Every remaining use must be a read of a known member; anything else (an index, a spread, an export) fails the build.
  return rest.replace(new RegExp(`(?<![\\w$.])${name}(?![\\w$])(?:\\.(\\w+)(?!\\s*=[^=]))?`, 'g'), (use, member) => {
    if (!values.has(member)) throw shapeChanged(`enum ${name} used as ${use}`);
    return values.get(member);
  });
}

/** Calls each node of an ESTree tree with its parent. */
function walk(node, visit, parent = null) {
  visit(node, parent);
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child.type === 'string') walk(child, visit, node);
    }
  }
}

// esbuild lowers rrweb's class fields to `__publicField(this, "name", value)`, a defineProperty per field.
// A plain assignment is the same thing for a fresh instance of a class with no base class and no accessors,
// which the walk below checks, and it is shorter for each of rrweb's ~90 fields. A field declared without a
// value only makes an own property holding undefined; reading it gives undefined without it too, unless the
// class has a method of that name, so those declarations go (rrweb never lists or tests its objects' keys).
function assignClassFields(code, parse) {
  const edits = [];
  const classes = [];
  walk(parse(code), (node, parent) => {
    if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression') {
      if (node.superClass) throw shapeChanged('class with a base class');
      classes.push({ start: node.start, end: node.end, methods: new Set(node.body.body.map((member) => member.key?.name)) });
    }
    if (node.type === 'MethodDefinition' && node.kind !== 'method' && node.kind !== 'constructor') throw shapeChanged('class accessor');
    if (node.type !== 'CallExpression' || node.callee.name !== '__publicField') return;
    const [target, key, value] = node.arguments;
    if (parent.type !== 'ExpressionStatement' || target.type !== 'ThisExpression' || !/^\w+$/.test(key.value)) {
      throw shapeChanged('__publicField call');
    }
    edits.push({ start: node.start, end: node.end, statementEnd: parent.end, key: key.value, value: value && `(${code.slice(value.start, value.end)})` });
  });
  if (edits.length === 0) throw shapeChanged('no __publicField calls');
  const enclosing = ({ start }) => classes.filter((c) => c.start < start && start < c.end).sort((a, b) => b.start - a.start)[0];
  return edits.reduceRight((result, { start, end, statementEnd, key, value }) => {
    if (value) return result.slice(0, start) + `this.${key} = ${value}` + result.slice(end);
    if (enclosing({ start })?.methods.has(key) !== false) return result.slice(0, start) + `this.${key} = void 0` + result.slice(end);
    return result.slice(0, start) + result.slice(statementEnd);
  }, code);
}

/** The property name a node spells, if any: a key, a member name or a string (which may index an object). */
function propertyName(node, parent) {
  if (node.type === 'Literal') return node.value;
  const isKey = (parent?.type === 'Property' || parent?.type === 'MethodDefinition') && parent.key === node;
  const isMember = parent?.type === 'MemberExpression' && parent.property === node && !parent.computed;
  return node.type === 'Identifier' && (isKey || isMember) ? node.name : undefined;
}

const RRWEB_RECORD = /[\\/]@rrweb[\\/]record[\\/]dist[\\/]record\.js$/;

/**
 * Fails the build if any other bundled module uses, as a property, a name the minifier shortens as an
 * rrweb internal (it would rename that module's property too, or a user's option), or a record() static dropped here;
 * or if Lowlight's recorder passes record() an option pinned here.
 */
function checkBundledUse({ id, ast }) {
  if (RRWEB_RECORD.test(id)) return;
  const internal = new Set(RRWEB_INTERNAL_PROPERTIES);
  const statics = new Set(RECORD_STATICS.names.split(',').filter((name) => !RECORD_STATICS.kept.startsWith(`record.${name} `)));
  const calls = [];
  walk(ast, (node, parent) => {
    if (internal.has(propertyName(node, parent))) {
      throw new Error(`[lowlight build] ${id} uses "${propertyName(node, parent)}" as a property, a name the script-tag build mangles (scripts/trimRrweb.mjs)`);
    }
    // Only on rrweb's record(): Lowlight's own recorder has an addCustomEvent of its own.
    if (node.type === 'MemberExpression' && node.object.name === 'record' && statics.has(node.property.name)) {
      throw new Error(`[lowlight build] ${id} uses record.${node.property.name}, which scripts/trimRrweb.mjs drops`);
    }
    if (node.type === 'CallExpression' && node.callee.name === 'record') calls.push(node);
  });
  if (!/[\\/]packages[\\/]core[\\/]src[\\/]createRecorder\.ts$/.test(id)) return;
  const keys = calls.flatMap((call) => call.arguments[0]?.properties?.map((property) => property.key?.name) ?? [null]);
  const passed = (name) => calls[0]?.arguments[0]?.properties?.find((property) => property.key?.name === name)?.value;
  if (calls.length !== 1 || keys.some((key) => !PASSED_OPTIONS.has(key)) || passed('slimDOMOptions')?.value !== 'all' || passed('blockSelector')?.value !== BLOCK_MARK) {
    throw new Error(`[lowlight build] createRecorder passes record() options trimRrweb pins (${keys}): review scripts/trimRrweb.mjs`);
  }
}

// rrweb's build writes each `a?.b` as `a == null ? void 0 : a.b` (with a temporary, `(_b = expr) == null ? void 0 :
// _b.c`, where `a` is not a plain name). Written back as optional chains, which every browser this ES2020 bundle runs
// in reads: the same values, fewer bytes. Every conditional of this shape in rrweb's build is such a chain (none
// continues past the chain, as `a == null ? void 0 : a.b + 1` would); the count is pinned so that an rrweb upgrade is
// read again before it is rewritten.
const OPTIONAL_CHAINS = {
  named: /\b([A-Za-z_$][\w$]*) == null \? void 0 : \1\.?(?=[\w$[(])/g,
  // The temporary's expression may hold calls and chains already written back, two levels of parentheses deep.
  temporary: /\((_[a-z]\d?) = ((?:[^()]|\((?:[^()]|\([^()]*\))*\))*?)\) == null \? void 0 : \1\.?(?=[\w$[(])/g,
  count: 19,
};

function resugarOptionalChains(code) {
  let count = 0;
  let result = code.replace(OPTIONAL_CHAINS.named, (_chain, name) => (count++, `${name}?.`));
  // Until none is left: a chain whose temporary holds another (`(_b = (_a = x) == null ? void 0 : _a.y) == null …`)
  // is written back from the outside in.
  for (let before; before !== result; ) {
    before = result;
    result = result.replace(OPTIONAL_CHAINS.temporary, (_chain, _temporary, expression) => (count++, `(${expression})?.`));
  }
  if (count !== OPTIONAL_CHAINS.count) throw shapeChanged(`${count} optional chains`);
  return result;
}

export function trimRrweb() {
  return {
    name: 'lowlight-trim-rrweb',
    transform(code, id) {
      if (!RRWEB_RECORD.test(id)) return null;
      const steps = [
        replaceCanvas,
        replaceCrossOriginIframes,
        replaceDeprecatedMirror,
        dropPixelCapture,
        dropNestedRuleObservers,
        pinRecordOptions,
        (result) => replaceExactly(result, [...DEAD_CODE, MEDIA_STATE, PROGRAMMATIC_INPUT, ...RARE_FALLBACKS, ...STYLE_AS_WRITTEN, ...RRWEB_FIXES, BLOCK_TEST, ...OPTION_SPREADS]),
        pinSlimDom,
        dropRecordStatics,
        unrollMutationBufferInit,
      ];
      const trimmed = [...INERT_DECLARATIONS, SLIM_DOM_RULE].reduce(replaceDeclaration, steps.reduce((result, step) => step(result), code));
      const inlined = resugarOptionalChains(CONSTANT_ENUMS.reduce(inlineEnum, trimmed));
      return { code: checkInternalPropertiesUnquoted(assignClassFields(inlined, (source) => this.parse(source))), map: null };
    },
    moduleParsed: checkBundledUse,
  };
}
