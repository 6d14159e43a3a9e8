import { readFileSync, readdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The domain is pure (DESIGN §2): it may import its own modules and data, server/shared and
// server/errors.ts, and nothing else — no package and no Node built-in.
const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../server');
const domainDir = resolve(serverDir, 'domain');
const modules = readdirSync(domainDir).filter((name) => name.endsWith('.ts'));

function specifiersOf(name: string): string[] {
  const source = readFileSync(resolve(domainDir, name), 'utf8');
  return [...source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*'([^']+)'|^import\s*'([^']+)'/gm)].map(
    (match) => (match[1] ?? match[2]) as string,
  );
}

function isAllowed(target: string): boolean {
  const path = relative(serverDir, target);
  return (
    (path.startsWith('domain/') && (path.endsWith('.ts') || path.startsWith('domain/data/'))) ||
    path.startsWith('shared/') ||
    path === 'errors.ts'
  );
}

/** Domain module → the domain modules it imports (by file name). */
const domainImports = new Map(
  modules.map((name) => [
    name,
    specifiersOf(name)
      .filter((specifier) => specifier.startsWith('./') && specifier.endsWith('.ts'))
      .map((specifier) => specifier.slice(2)),
  ]),
);

describe('domain imports', () => {
  it('reach only domain modules and data, server/shared and server/errors.ts', () => {
    const forbidden = modules.flatMap((name) =>
      specifiersOf(name)
        .filter((specifier) => !specifier.startsWith('.') || !isAllowed(resolve(domainDir, specifier)))
        .map((specifier) => `${name} imports ${specifier}`),
    );
    expect(forbidden).toEqual([]);
  });

  it('form no cycle, so the arrows point one way (match-rules ← matching ← fan-out)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, path: string[]): void => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(name)), name].join(' → '));
        return;
      }
      state.set(name, 'visiting');
      for (const next of domainImports.get(name) ?? []) visit(next, [...path, name]);
      state.set(name, 'done');
    };
    for (const name of modules) visit(name, []);
    expect(cycles).toEqual([]);
    expect(domainImports.get('match-rules.ts')).toEqual([]);
    expect(domainImports.get('matching.ts')?.filter((name) => name.startsWith('fan-out'))).toEqual([]);
  });
});
