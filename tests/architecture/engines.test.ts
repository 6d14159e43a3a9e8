import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockedPackage {
  version?: string;
  engines?: { node?: string };
  dev?: boolean;
}

/**
 * Installed packages whose `engines` leave out the Node the README promises, with why they run anyway.
 * npm warns about each on install; a new one must be looked at (and added here) or replaced.
 */
const DECLARED_TOO_NEW: Readonly<Record<string, string>> = {
  'node_modules/cookie': 'cookie parsing and serialising: string functions, no Node API',
  'node_modules/content-disposition': 'header formatting and parsing: string functions, no Node API',
};

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, LockedPackage>;
};
const promised = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    engines: { node: string };
  }
).engines.node;

describe('dependencies and the promised Node version', () => {
  it('declare support for it, or are known to run on it without Node APIs', () => {
    const lowest = semver.minVersion(promised)!.version;
    const tooNew = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.engines?.node)
      .filter(([, entry]) => !semver.satisfies(lowest, entry.engines!.node!))
      .map(([path]) => path)
      .sort();
    expect(tooNew).toEqual(Object.keys(DECLARED_TOO_NEW).sort());
  });

  it('the exempted ones import nothing from Node', () => {
    for (const path of Object.keys(DECLARED_TOO_NEW)) {
      const main = readFileSync(new URL(`../../${path}/dist/index.js`, import.meta.url), 'utf8');
      expect(main, path).not.toMatch(/require\(|from ['"]node:|import\(/);
    }
  });
});
