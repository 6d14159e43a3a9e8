import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/**
 * The architecture's arrows, checked on every `npm run check` (docs/architecture.md explains them).
 * Zones take absolute globs, so every path below is from the repository root.
 */
const at = (...globs) => globs.map((glob) => `${import.meta.dirname}/${glob}`);
const CONCRETE_ADAPTERS = at(
  'server/adapters/store/sqlite/**',
  'server/adapters/store/mongodb/**',
  'server/adapters/search/sqlite-fts/**',
  'server/adapters/search/meilisearch*.ts',
  'server/adapters/queue/in-process*.ts',
  'server/adapters/queue/bullmq*.ts',
);
const EVERYTHING = at('{server,workers,web,scripts,tests}/**');
const boundaries = [
  {
    target: at('server/shared/**'),
    from: EVERYTHING,
    except: at('server/shared/**'),
    message: 'server/shared is imported by the web too: it imports nothing but itself.',
  },
  {
    target: at('server/domain/**'),
    from: EVERYTHING,
    except: at('server/domain/**', 'server/shared/**', 'server/errors.{ts,js}'),
    message: 'The domain is pure: it imports only the domain, server/shared and server/errors.ts.',
  },
  {
    target: at('server/services/**'),
    from: [
      ...at('server/routes/**', 'server/plugins/**', 'server/seed/**', 'workers/**'),
      ...CONCRETE_ADAPTERS,
    ],
    message: 'Services reach infrastructure through ports only, and know nothing of HTTP or jobs.',
  },
  {
    target: at('server/routes/**', 'workers/processors/**'),
    from: [...at('server/seed/**'), ...CONCRETE_ADAPTERS],
    message: 'Routes and processors go through services and ports, never an adapter.',
  },
  {
    target: at('server/!(adapters)/**', 'server/*.ts', 'workers/**'),
    from: CONCRETE_ADAPTERS,
    message: 'Only server/adapters/index.ts chooses adapters.',
  },
  {
    target: at('server/*/**', 'server/!(compose).ts'),
    from: at('workers/**'),
    message: 'Nothing under server/ but the composition root (server/compose.ts) imports workers/.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['server/**/*.ts', 'workers/**/*.ts', 'scripts/**/*.ts', 'tests/**/*.ts', 'web/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: boundaries }],
    },
  },
  {
    files: ['server/domain/**/*.ts', 'server/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^[^.]', message: 'Pure modules import no package (not even node:).' }] },
      ],
    },
  },
  {
    files: ['server/**/*.ts', 'workers/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 450 }] },
  },
  {
    files: ['web/**/*.{ts,svelte}', 'web/**/*.svelte.ts'],
    languageOptions: { globals: { ...globals.browser }, parserOptions: { parser: tseslint.parser } },
    rules: {
      // The bundle may carry only the vocabulary the server shares; its schemas' types are erased.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/*', '!**/server/shared'],
              allowTypeImports: true,
              message: 'At run time the web imports only server/shared/; use `import type` for API types.',
            },
          ],
        },
      ],
    },
  },
);
