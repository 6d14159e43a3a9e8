/**
 * Builds the web UI only when its sources changed since the last build, so `npm start` does not spend
 * seconds rebuilding an unchanged front end. The build's inputs (the web folder, server/shared which the
 * web imports, the lockfile) are hashed; the hash is stamped beside the build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INPUTS = ['web', 'server/shared', 'package-lock.json'];
const OUT_DIR = join(ROOT, 'dist/web');
const STAMP = join(OUT_DIR, '.source-hash');

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((name) => name !== 'node_modules')
    .sort()
    .flatMap((name) => filesUnder(join(path, name)));
}

export function webSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesUnder(join(ROOT, input)))) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

async function main(): Promise<void> {
  const hash = webSourceHash();
  const built = existsSync(join(OUT_DIR, 'index.html')) && existsSync(STAMP);
  if (built && readFileSync(STAMP, 'utf8') === hash) return;
  console.log(built ? 'Web sources changed: rebuilding the web UI…' : 'Building the web UI (first start)…');
  // Vite is loaded only to build: importing it costs seconds that an unchanged start should not spend.
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'web/vite.config.ts'), logLevel: 'warn' });
  writeFileSync(STAMP, hash);
}

await main();
