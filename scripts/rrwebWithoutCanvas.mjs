// Rollup plugin for the script-tag build: drops rrweb's canvas recorder.
//
// Lowlight never records canvas (pixels cannot be masked), yet @rrweb/record
// always bundles the canvas observers and an inline worker: about 3 KB gzip of
// the 28 KB budget. The CanvasManager class is swapped for an inert one with
// the methods record() calls; the observers it used become unreferenced and
// Rollup drops them. If rrweb's bundle changes shape the build fails here
// rather than shipping something half-patched.
const START = 'const jsContent = ';
const END = 'class StylesheetManager {';
const INERT = 'class CanvasManager { reset() {} freeze() {} unfreeze() {} lock() {} unlock() {} }\n';

export function rrwebWithoutCanvas() {
  return {
    name: 'lowlight-rrweb-without-canvas',
    transform(code, id) {
      if (!/[\\/]@rrweb[\\/]record[\\/]dist[\\/]record\.js$/.test(id)) return null;
      const start = code.indexOf(START);
      const end = code.indexOf(END);
      const section = start >= 0 && end > start ? code.slice(start, end) : '';
      // The section must declare exactly the canvas worker and manager, nothing rrweb uses elsewhere.
      const declared = [...section.matchAll(/^(?:const|let|var|function|class) (\w+)/gm)].map((match) => match[1]);
      const expected =
        code.indexOf(START, start + 1) === -1 && declared.join(',') === 'jsContent,blob,WorkerWrapper,CanvasManager';
      if (!expected) {
        throw new Error('[lowlight build] @rrweb/record changed shape: review scripts/rrwebWithoutCanvas.mjs');
      }
      return { code: code.slice(0, start) + INERT + code.slice(end), map: null };
    },
  };
}
