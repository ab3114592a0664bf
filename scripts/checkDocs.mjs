#!/usr/bin/env node
// Type-checks every ```ts and ```tsx block in README.md and docs/**/*.md against the packages' sources,
// so the docs' examples cannot drift from the API. Each block is its own module (top-level await works);
// `endpoint` is the one name a block may use without declaring it, since most examples send somewhere.
// A block that cannot compile on purpose (a fragment, a type from another project) opts out with
// `<!-- docs-check: skip (the reason) -->` on the line right before its fence. A block that later blocks of
// the same page import is named with `<!-- docs-check: file headerTransport.ts -->` the same way.
//
//   node scripts/checkDocs.mjs               check README.md and docs/
//   node scripts/checkDocs.mjs a.md b.md     check these files only
//
// Errors name the Markdown file and line: `docs/consent.md:42:7 error TS2304: Cannot find name 'x'.`
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const SKIP = /^<!--\s*docs-check:\s*skip\b/;
const FILE = /^<!--\s*docs-check:\s*file\s+([\w.-]+\.tsx?)\s*-->/;
const OPENING_FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/;
const CHECKED_LANGUAGES = new Set(['ts', 'tsx', 'typescript']);

/** Markdown files checked by default: the README and everything under docs/. */
function defaultFiles() {
  const docs = readdirSync(join(root, 'docs'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => join(entry.parentPath, entry.name));
  return [join(root, 'README.md'), ...docs.sort()];
}

/** The ts/tsx blocks of one Markdown file, each with the line its code starts on (1-based) and its file name if given. */
export function extractBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPENING_FENCE.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const isClosing = (line) => line.trim().startsWith(fence) && /^[`~]+$/.test(line.trim()) && line.trim()[0] === fence[0];
    let end = i + 1;
    while (end < lines.length && !isClosing(lines[end])) end++;
    const previous = lines.slice(0, i).findLast((line) => line.trim() !== '') ?? '';
    if (CHECKED_LANGUAGES.has(lang) && !SKIP.test(previous.trim())) {
      const code = lines.slice(i + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
      const name = FILE.exec(previous.trim())?.[1];
      blocks.push({ line: i + 2, jsx: lang === 'tsx', code: code.join('\n'), ...(name && { name }) });
    }
    i = end;
  }
  return blocks;
}

/** `@lowlight/<pkg>` and its subpaths → that package's TypeScript source, like the tests' aliases. */
function sourcePaths() {
  const paths = {};
  for (const name of readdirSync(join(root, 'packages'))) {
    if (!existsSync(join(root, 'packages', name, 'src'))) continue;
    const index = ['index.ts', 'index.tsx'].find((file) => existsSync(join(root, 'packages', name, 'src', file)));
    if (index) paths[`@lowlight/${name}`] = [`packages/${name}/src/${index}`];
    paths[`@lowlight/${name}/*`] = [`packages/${name}/src/*.ts`, `packages/${name}/src/*.tsx`];
  }
  return paths;
}

/** Checks the given Markdown files; returns one `file:line:column error TSxxxx: message` string per problem. */
export function checkDocs(files = defaultFiles()) {
  // Inside the repository, so bare imports (react, vue) resolve from its node_modules.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'lowlight-docs-check-'));
  try {
    return checkBlocks(files, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function checkBlocks(files, dir) {
  const origins = new Map();
  files.forEach((file, fileIndex) => {
    // One folder per page, so a page's blocks can import each other by the names they were given.
    mkdirSync(join(dir, `doc${fileIndex}`));
    extractBlocks(readFileSync(file, 'utf8')).forEach((block, blockIndex) => {
      const path = join(dir, `doc${fileIndex}`, block.name ?? `block${blockIndex}.${block.jsx ? 'tsx' : 'ts'}`);
      // `export {}` keeps every block a module: its own scope, and top-level await allowed.
      writeFileSync(path, `${block.code}\nexport {};\n`);
      origins.set(path, { file: relative(root, file), line: block.line });
    });
  });
  writeFileSync(join(dir, 'globals.d.ts'), '/** The collector URL most examples send to. */\ndeclare const endpoint: string;\n');

  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile).config;
  const { options } = ts.convertCompilerOptionsFromJson(
    { ...base.compilerOptions, baseUrl: root, paths: sourcePaths(), types: ['node'], noEmit: true },
    root,
  );
  const program = ts.createProgram({ rootNames: [...origins.keys(), join(dir, 'globals.d.ts')], options });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n  ');
    if (!diagnostic.file) return `error TS${diagnostic.code}: ${message}`;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const origin = origins.get(resolve(diagnostic.file.fileName));
    // An error inside a package's own source is reported where it is, not mapped to a block.
    const where = origin ? `${origin.file}:${origin.line + line}` : `${relative(root, diagnostic.file.fileName)}:${line + 1}`;
    return `${where}:${character + 1} error TS${diagnostic.code}: ${message}`;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2).map((file) => resolve(file));
  const errors = checkDocs(args.length > 0 ? args : undefined);
  for (const error of errors) console.error(error);
  console.log(errors.length === 0 ? 'docs check: every ts/tsx block type-checks' : `docs check: ${errors.length} error(s)`);
  process.exitCode = errors.length === 0 ? 0 : 1;
}
