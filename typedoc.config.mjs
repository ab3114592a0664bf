// `npm run docs:api`: the API reference, generated from the JSDoc of every public export of every published package
// into docs/api/ (not committed). Entry points come from each package's `exports`, so the reference cannot miss an
// entry; a public export without a doc comment, or a broken {@link}, fails the build.
import { existsSync } from 'node:fs';
import { publishedPackages } from './scripts/publishedPackages.mjs';

const source = (dir, key) => {
  const entry = key === '.' ? 'index' : key.slice(2);
  return [`${dir}/src/${entry}.ts`, `${dir}/src/${entry}.tsx`].find((file) => existsSync(file));
};

const packages = publishedPackages();

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  entryPoints: packages.flatMap(({ dir, manifest }) =>
    Object.entries(manifest.exports)
      .filter(([, target]) => typeof target === 'object')
      .map(([key]) => source(dir, key)),
  ),
  tsconfig: 'tsconfig.json',
  out: 'docs/api',
  name: 'Lowlight API reference',
  readme: 'none',
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  // TypeDoc checks documentation only for the packages named here (by default the root's, which is private).
  packagesRequiringDocumentation: packages.map(({ manifest }) => manifest.name),
  // Source links name the public repository, not whatever remote a clone happens to have (CI clones a local path).
  disableGit: true,
  sourceLinkTemplate: 'https://github.com/lowlight-dev/lowlight/blob/main/{path}#L{line}',
  treatWarningsAsErrors: true,
  logLevel: 'Warn',
};
