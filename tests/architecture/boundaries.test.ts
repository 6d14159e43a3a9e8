import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The import boundaries are lint rules (eslint.config.js), so `npm run check` refuses a forbidden
 * arrow. These cases lint one line of code as if it stood in a file of the tree, and expect the rule
 * that guards that boundary to refuse it — and a permitted import beside it to pass.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('import boundaries', () => {
  // The first lint loads the parser, the resolver and the config: slow on a busy machine, so it runs
  // once before the cases, with time to spare.
  beforeAll(() => rulesBroken('server/domain/warm-up.ts', ''), 120_000);

  it.each([
    ['the domain importing an adapter', 'server/domain/probe.ts', "import '../adapters/store/port.ts';"],
    ['the domain importing a service', 'server/domain/probe.ts', "import '../services/listings.ts';"],
    ['server/shared importing the domain', 'server/shared/probe.ts', "import '../domain/skills.ts';"],
    [
      'a route importing a concrete adapter',
      'server/routes/probe.ts',
      "import '../adapters/store/sqlite/index.ts';",
    ],
    [
      'a processor importing a concrete adapter',
      'workers/processors/probe.ts',
      "import '../../server/adapters/queue/bullmq.ts';",
    ],
    ['a service importing HTTP plugins', 'server/services/probe.ts', "import '../plugins/auth.ts';"],
    [
      'a service importing a concrete adapter',
      'server/services/probe.ts',
      "import '../adapters/search/meilisearch.ts';",
    ],
    [
      'the app choosing an adapter itself',
      'server/app-probe.ts',
      "import './adapters/store/sqlite/index.ts';",
    ],
    [
      'a server module importing workers/',
      'server/services/probe.ts',
      "import '../../workers/processors/index.ts';",
    ],
    ['the API importing workers/', 'server/app-probe.ts', "import '../workers/processors/index.ts';"],
  ])('refuses %s', async (_name, file, code) => {
    expect(await rulesBroken(file, code)).toContain('import-x/no-restricted-paths');
  });

  it.each([
    ['the domain importing shared vocabulary', 'server/domain/probe.ts', "import '../shared/vocabulary.ts';"],
    ['a service importing a port', 'server/services/probe.ts', "import '../adapters/store/port.ts';"],
    [
      'the composition root importing workers/',
      'server/compose.ts',
      "import '../workers/processors/index.ts';",
    ],
    [
      'the adapter chooser importing an adapter',
      'server/adapters/index.ts',
      "import './store/sqlite/index.ts';",
    ],
  ])('allows %s', async (_name, file, code) => {
    expect(await rulesBroken(file, code)).not.toContain('import-x/no-restricted-paths');
  });

  it('refuses a package in a pure module', async () => {
    expect(await rulesBroken('server/domain/probe.ts', "import 'typebox';")).toContain(
      'no-restricted-imports',
    );
    expect(await rulesBroken('server/shared/probe.ts', "import 'node:fs';")).toContain(
      'no-restricted-imports',
    );
  });

  it('refuses a run-time server import in the web, but not a type import', async () => {
    const file = 'web/src/lib/probe.ts';
    expect(
      await rulesBroken(
        file,
        "import { scoreCandidate } from '../../../server/domain/matching.ts';\nvoid scoreCandidate;",
      ),
    ).toContain('@typescript-eslint/no-restricted-imports');
    expect(
      await rulesBroken(
        file,
        "import type { MatchResult } from '../../../server/domain/matching.ts';\nexport type X = MatchResult;",
      ),
    ).not.toContain('@typescript-eslint/no-restricted-imports');
  });

  it('refuses an import circle', async () => {
    // server/domain/skills.ts imports taxonomy.ts; a taxonomy that imported skills.ts back would be a circle.
    const circle = "import { resolveSkill } from './skills.ts';\nvoid resolveSkill;";
    expect(await rulesBroken('server/domain/taxonomy.ts', circle)).toContain('import-x/no-cycle');
  });

  it('refuses a server module over 450 lines', async () => {
    const long = Array.from({ length: 460 }, (_, i) => `export const line${i} = ${i};`).join('\n');
    expect(await rulesBroken('server/services/probe.ts', long)).toContain('max-lines');
  });
});
