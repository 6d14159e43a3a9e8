// @ts-check
/**
 * Builds what `npm start` runs, each part only when its sources changed since its last build:
 * - the web UI, by Vite, into dist/web;
 * - the server and the workers, compiled from TypeScript and bundled by esbuild into dist/node (npm
 *   packages stay outside the bundle), so a start loads a few compiled files instead of compiling
 *   hundreds of modules through tsx on every run.
 * Each build leaves a stamp beside it, a hash of its inputs: for the web, its folders; for the node
 * build, the very files its last bundle read (esbuild's metafile), so a change anywhere in the server's
 * import graph rebuilds it and a change to tests or docs does not.
 *
 * Plain JavaScript on purpose: the check runs before anything is compiled, on every start.
 * `node scripts/build.mjs` builds both parts whatever the stamps say (the Docker image does);
 * `node scripts/build.mjs --changed` only the stale ones. Builds run in their own process: Vite sets
 * NODE_ENV=production in the process it runs in.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

export const WEB_OUT = join(ROOT, 'dist/web');
const WEB_INPUTS = ['web', 'server/shared', 'package-lock.json'];
const WEB_STAMP = join(WEB_OUT, '.source-hash');

export const NODE_OUT = join(ROOT, 'dist/node');
export const NODE_ENTRIES = {
  server: 'server/main.ts',
  workers: 'workers/main.ts',
  'job-thread': 'workers/job-thread/entry.ts',
};
const NODE_STAMP = join(NODE_OUT, '.sources.json');

/** @param {string} path @returns {string[]} */
function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name !== 'node_modules')
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

/**
 * A hash of the files' names and contents, and of what else decides the output.
 * @param {string[]} files
 * @param {string[]} extra
 */
function hashOf(files, ...extra) {
  const hash = createHash('sha256').update(readFileSync(SELF)).update(extra.join('\0'));
  for (const file of files) {
    if (!existsSync(file)) return 'missing';
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const webHash = () => hashOf(WEB_INPUTS.flatMap((input) => filesUnder(join(ROOT, input))));

/** @param {string} file */
const readOr = (file, fallback = '') => (existsSync(file) ? readFileSync(file, 'utf8') : fallback);

function webIsCurrent() {
  return existsSync(join(WEB_OUT, 'index.html')) && readOr(WEB_STAMP) === webHash();
}

async function buildWeb() {
  // Vite is loaded only to build: importing it costs seconds that an unchanged start should not spend.
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'warn' });
  writeFileSync(WEB_STAMP, webHash());
}

/** @param {string[]} inputs */
function nodeHash(inputs) {
  const esbuild = JSON.parse(readFileSync(join(ROOT, 'node_modules/esbuild/package.json'), 'utf8'));
  // The bundle holds absolute source paths (below), so a checkout moved elsewhere builds again.
  return hashOf(
    [join(ROOT, 'tsconfig.json'), ...inputs.map((file) => join(ROOT, file))],
    esbuild.version,
    ROOT,
  );
}

function nodeIsCurrent() {
  let stamp;
  try {
    stamp = JSON.parse(readOr(NODE_STAMP, '{}'));
  } catch {
    return false; // a stamp cut short by an interrupted build: build again
  }
  if (!Array.isArray(stamp.inputs)) return false;
  const entriesBuilt = Object.keys(NODE_ENTRIES).every((name) => existsSync(join(NODE_OUT, name, 'main.js')));
  return entriesBuilt && stamp.hash === nodeHash(stamp.inputs);
}

/**
 * Each source file's own `import.meta.url`, written into the bundle as its source path: the server
 * finds its migrations, data files and the web build relative to its sources, bundled or not.
 * @type {import('esbuild').Plugin}
 */
const sourceLocations = {
  name: 'source-locations',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

/**
 * npm packages stay outside the bundle (native modules, packages that read their own files), except
 * TypeBox: pure ESM in some 700 files, it takes a third of the start-up's module loading unbundled.
 */
const BUNDLED_PACKAGES = ['typebox', '@fastify/type-provider-typebox'];

/** @type {import('esbuild').Plugin} */
const packagesOutside = {
  name: 'packages-outside',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED_PACKAGES.some((name) => args.path === name || args.path.startsWith(`${name}/`))
        ? undefined
        : { external: true },
    );
  },
};

async function buildNode() {
  const esbuild = await import('esbuild');
  rmSync(NODE_OUT, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(NODE_ENTRIES).map(([name, input]) => ({ in: input, out: `${name}/main` })),
    outdir: NODE_OUT,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true, // the production adapters stay in chunks that load only when configured
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceLocations, packagesOutside],
    // The server starts its job thread from the compiled entry, not from the sources.
    define: {
      BACKBOARD_JOB_THREAD_ENTRY: JSON.stringify(pathToFileURL(join(NODE_OUT, 'job-thread/main.js')).href),
    },
  });
  const inputs = Object.keys(result.metafile.inputs).sort();
  mkdirSync(NODE_OUT, { recursive: true });
  writeFileSync(NODE_STAMP, JSON.stringify({ hash: nodeHash(inputs), inputs }));
}

/**
 * Builds the parts whose sources changed (or all of them with `force`), saying what it builds.
 * @param {{ force?: boolean, log?: (line: string) => void }} [options]
 */
export async function buildIfChanged({ force = false, log = console.log } = {}) {
  if (force || !webIsCurrent()) {
    log(existsSync(WEB_STAMP) ? 'Web sources changed: building the web UI…' : 'Building the web UI…');
    await buildWeb();
  }
  if (force || !nodeIsCurrent()) {
    log(existsSync(NODE_STAMP) ? 'Server sources changed: compiling the server…' : 'Compiling the server…');
    await buildNode();
  }
}

/** True when neither part needs building: what `npm start` checks before spawning a build. */
export const everythingIsCurrent = () => webIsCurrent() && nodeIsCurrent();

if (process.argv[1] === SELF) await buildIfChanged({ force: !process.argv.includes('--changed') });
