// Shared Rollup configuration for every @lowlight package and the script-tag build.
// Entries come from each package's `exports` map, so the build cannot drift from it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';
import { RRWEB_INTERNAL_PROPERTIES, RRWEB_SHARED_PROPERTIES, trimRrweb } from './trimRrweb.mjs';

const root = resolve(import.meta.dirname, '..');
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** `@lowlight/<pkg>[/<sub>]` → that package's TypeScript source, so builds never read another package's dist. */
export function lowlightSource() {
  return {
    name: 'lowlight-source',
    resolveId(id) {
      const match = /^@lowlight\/([a-z-]+)(?:\/([a-z-]+))?$/.exec(id);
      if (!match) return null;
      return sourceFile(join(root, 'packages', match[1]), match[2] ?? 'index');
    },
  };
}

function sourceFile(packageDir, entry) {
  for (const extension of ['.ts', '.tsx']) {
    const file = join(packageDir, 'src', entry + extension);
    if (existsSync(file)) return file;
  }
  throw new Error(`no source for entry "${entry}" in ${packageDir}/src`);
}

/**
 * Entries from the exports map: "." → index, "./fetch" → fetch. Plain files (package.json, the script-tag files) are
 * not entries. An entry with no `require` condition is ESM only: the `./testing` suites import vitest, which cannot be
 * required.
 */
function entriesOf(pkg) {
  return Object.entries(pkg.exports)
    .filter(([, conditions]) => typeof conditions === 'object')
    .map(([key, conditions]) => ({ entry: key === '.' ? 'index' : key.slice(2), cjs: Boolean(conditions.require) }));
}

/** Dependencies and peers stay external, with their subpaths; so do Node built-ins. */
function externalsOf(pkg) {
  const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
  return (id) => builtins.has(id) || names.some((name) => id === name || id.startsWith(`${name}/`));
}

const define = (scriptTag) => ({ __LL_SCRIPT_TAG__: String(scriptTag) });

/** Copies every file under `from` (relative to the package) into dist, keeping the path below `from`'s parent. */
function copyAssets(dir, from) {
  const base = join(dir, from, '..');
  return {
    name: 'lowlight-assets',
    generateBundle() {
      for (const file of readdirSync(join(dir, from), { recursive: true, withFileTypes: true })) {
        if (!file.isFile()) continue;
        const path = join(file.parentPath, file.name);
        this.emitFile({ type: 'asset', fileName: relative(base, path), source: readFileSync(path) });
      }
    },
  };
}

/** `import.meta.url` in CJS output from `__filename`: Rollup's default shim reads `document`, which Node code must not touch. */
function nodeImportMetaUrl() {
  return {
    name: 'lowlight-import-meta-url',
    resolveImportMeta(property, { format }) {
      return format === 'cjs' && property === 'url' ? `require('node:url').pathToFileURL(__filename).href` : null;
    },
  };
}

/**
 * Rollup drops module-level directives (with a warning); an entry whose source starts with `'use client'` keeps it at the top of its
 * output, so a Next.js server component can render what it exports (the React provider).
 */
function keepUseClient() {
  const clientModules = new Set();
  return {
    name: 'lowlight-use-client',
    transform(code, id) {
      const directive = /^(['"])use client\1;?/.exec(code);
      if (!directive) return null;
      clientModules.add(id);
      // Blanked, not deleted, so every position in the module stays where it was; Rollup would warn and drop it.
      return { code: ' '.repeat(directive[0].length) + code.slice(directive[0].length), map: null };
    },
    renderChunk(code, chunk) {
      return clientModules.has(chunk.facadeModuleId) ? { code: `'use client';\n${code}`, map: null } : null;
    },
  };
}

/**
 * ESM + CJS for each entry (ESM only where the exports map gives no `require`), and a
 * self-contained `.d.ts`/`.d.cts` per entry.
 * `internal` entries (a CLI behind `bin`) are built but not exported and get no declarations;
 * `assets` folders (SQL migrations) are copied into dist for the code to read at run time.
 */
export function packageConfigs(name, { internal = [], assets = [] } = {}) {
  const dir = join(root, 'packages', name);
  const pkg = readJson(join(dir, 'package.json'));
  const entries = entriesOf(pkg);
  const inputOf = (list) => Object.fromEntries(list.map((entry) => [entry, sourceFile(dir, entry)]));
  const dual = entries.filter(({ cjs }) => cjs).map(({ entry }) => entry);
  const esmOnly = entries.filter(({ cjs }) => !cjs).map(({ entry }) => entry);
  const external = externalsOf(pkg);
  const out = join(dir, 'dist');
  const es = { dir: out, format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' };
  const cjs = { dir: out, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs', exports: 'named' };
  const compile = (input, output, extraPlugins = []) => ({
    input,
    external,
    plugins: [
      keepUseClient(),
      esbuild({ target: 'es2020', define: define(false), jsx: 'automatic', tsconfig: join(root, 'tsconfig.base.json') }),
      nodeImportMetaUrl(),
      ...extraPlugins,
    ],
    output,
  });
  const code = [compile(inputOf([...dual, ...internal]), [es, cjs], assets.map((from) => copyAssets(dir, from)))];
  if (esmOnly.length > 0) code.push(compile(inputOf(esmOnly), [es]));
  // One declaration bundle per entry: no shared chunks, so `.d.cts` never imports an ESM-typed file.
  const types = entries.map(({ entry, cjs: withCjs }) => ({
    input: sourceFile(dir, entry),
    external,
    plugins: [dts({ tsconfig: join(root, 'tsconfig.base.json'), compilerOptions: { noEmit: false, paths: {} } })],
    output: [
      { file: join(out, `${entry}.d.ts`), format: 'es' },
      ...(withCjs ? [{ file: join(out, `${entry}.d.cts`), format: 'es' }] : []),
    ],
  }));
  return [...code, ...types];
}

/** The Subresource Integrity value of a file's exact bytes, for a `<script integrity>` attribute. */
function integrityOf(code) {
  return `sha384-${createHash('sha384').update(code).digest('base64')}`;
}

/**
 * Prints each script-tag file's integrity hash and writes it beside the file (`<file>.sri`), so it ships in
 * the package. With `loader`, also writes the async loader snippet (packages/core/src/loader/snippet.js),
 * minified, with the file's CDN URL, its hash and the names of its calls filled in.
 */
function subresourceIntegrity(loader) {
  return {
    name: 'lowlight-sri',
    async generateBundle(_options, bundle) {
      const { minify } = await import('terser');
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const integrity = integrityOf(chunk.code);
        console.log(`${chunk.fileName}  integrity="${integrity}"`);
        this.emitFile({ type: 'asset', fileName: `${chunk.fileName}.sri`, source: `${integrity}\n` });
        if (!loader) continue;
        const source = readFileSync(join(root, loader.input), 'utf8')
          .replace("'__LOWLIGHT_SRC__'", JSON.stringify(loader.src(chunk.fileName)))
          .replace("'__LOWLIGHT_INTEGRITY__'", JSON.stringify(integrity))
          .replace("'__LOWLIGHT_CALLS__'", JSON.stringify(chunk.exports.join(' ')));
        const { code } = await minify(source, { ecma: 2020, compress: { passes: 2 }, format: { comments: false } });
        this.emitFile({ type: 'asset', fileName: loader.file, source: `${code}\n` });
      }
    },
  };
}

/**
 * Property names of Lowlight's own internal objects (the masker, the privacy gate, the plugin pipeline, the masker's
 * node tree, the recorder's state store), which the script-tag build's minifier shortens as it does rrweb's. The IIFE
 * exposes only the calls of `window.Lowlight`; these objects never leave it, and no option, plugin, detector or
 * transport a page passes in is read by one of these names (none is a member of a public option or plugin type).
 */
export const LOWLIGHT_INTERNAL_PROPERTIES = [
  'maskEvent', 'maskText', 'maskUrl', 'guardJson', 'inlineRunOf', 'textsBeforeOf', // createEventMasker
  'fullSnapshot', 'nothing', // createEventMasker's fields handled per event kind
  'maxGroups', 'minDigits', 'maxDigits', 'maxEdge', // the digit-group shapes of the phone and card detectors
  'changesEvents', 'notify', // createPluginPipeline
  'decide', 'withdrawn', 'identityRequired', 'optedOut', // createGate and its inputs
  'effective', 'setOwn', 'collect', 'parents', // createNodeTree
  'getState', 'setState', 'subscribe', // createStore (the recorder itself stays inside the IIFE)
];

/**
 * Fails the build if a bundled dependency (rrweb) uses one of Lowlight's internal property names, which the minifier
 * would rename there too, or if the bundle names one (or a shared rrweb one) in a string, where the minifier would not
 * rename it.
 */
function checkLowlightInternalProperties() {
  return {
    name: 'lowlight-internal-properties',
    transform(code, id) {
      if (!id.includes('node_modules')) return null;
      const used = LOWLIGHT_INTERNAL_PROPERTIES.find((name) => new RegExp(`\\.${name}\\b|\\b${name}\\s*[:(]`).test(code));
      if (used) throw new Error(`[lowlight build] ${id} uses "${used}", a name the script-tag build mangles: remove it from LOWLIGHT_INTERNAL_PROPERTIES`);
      return null;
    },
    renderChunk(code) {
      const quoted = [...LOWLIGHT_INTERNAL_PROPERTIES, ...RRWEB_SHARED_PROPERTIES].find((name) => new RegExp(`["'\`]${name}["'\`]`).test(code));
      if (quoted) throw new Error(`[lowlight build] "${quoted}" is read by a computed key: remove it from LOWLIGHT_INTERNAL_PROPERTIES`);
      return null;
    },
  };
}

/**
 * A script-tag build: one minified IIFE exposing `name` on `window`, with its `.sri` hash beside it.
 * `lowlight.iife.js` holds core, the default maskers and the default transport as `window.Lowlight`;
 * opt-in features ship as separate add-ons so they cost the main file nothing.
 */
export async function scriptTagConfig({ input, file, name, loader }) {
  const { nodeResolve } = await import('@rollup/plugin-node-resolve');
  const { default: terser } = await import('@rollup/plugin-terser');
  return {
    input: join(root, input),
    plugins: [
      lowlightSource(),
      trimRrweb(),
      nodeResolve({ browser: true }),
      esbuild({ target: 'es2020', define: define(true), tsconfig: join(root, 'tsconfig.base.json') }),
      checkLowlightInternalProperties(),
      terser({
        ecma: 2020,
        compress: { passes: 2 },
        mangle: { properties: { regex: new RegExp(`^(?:${[...RRWEB_INTERNAL_PROPERTIES, ...RRWEB_SHARED_PROPERTIES, ...LOWLIGHT_INTERNAL_PROPERTIES].join('|')})$`) } },
        format: { comments: false },
      }),
      subresourceIntegrity(loader),
    ],
    output: { file: join(root, file), format: 'iife', name, inlineDynamicImports: true },
  };
}
