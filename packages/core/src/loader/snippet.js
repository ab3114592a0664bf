// The async loader snippet, as a page pastes it inline: `npm run build` minifies it into
// packages/core/dist/lowlight-loader.js with the script-tag file's URL and integrity hash filled in.
//
// It defines a stand-in `window.Lowlight` at once, so a page may call `Lowlight.start(...)` (or consent,
// identify, ...) before the real file has loaded. Every stand-in call returns a promise and is queued; the
// script is injected `async`, so it never blocks parsing. Its `load` event fires right after it has run
// and replaced `window.Lowlight`, before any other script can call it: that is when the queue is replayed
// on the real calls, in order, each promise settling with its real call. The replay lives here rather than
// in the script-tag file, so it costs that file (and its size budget) nothing.
//
// If the file does not run (blocked, network error, an `integrity` mismatch), the stand-in's promises stay
// pending and nothing is recorded; the page itself is unaffected.
((window, document, src, integrity, names) => {
  if (window.Lowlight) return;
  const queue = [];
  const stub = (window.Lowlight = {});
  for (const name of names.split(' ')) {
    stub[name] = (...args) => new Promise((resolve, reject) => queue.push([name, args, resolve, reject]));
  }
  const script = document.createElement('script');
  script.async = true;
  script.src = src;
  script.integrity = integrity;
  script.crossOrigin = 'anonymous';
  script.onload = () => {
    for (const [name, args, resolve, reject] of queue) {
      // The executor turns a synchronous throw into a rejection, as the stand-in's callers expect.
      new Promise((settle) => settle(window.Lowlight[name](...args))).then(resolve, reject);
    }
  };
  document.head.append(script);
})(window, document, '__LOWLIGHT_SRC__', '__LOWLIGHT_INTEGRITY__', '__LOWLIGHT_CALLS__');
