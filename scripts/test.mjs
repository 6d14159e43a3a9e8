#!/usr/bin/env node
// The README's test command: every suite whose backend is present, and a plain word on what was skipped.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const skipped = [];

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const which = (binary) => spawnSync('sh', ['-c', `command -v ${binary}`]).status === 0;

if (!process.env.REDIS_URL && !which('redis-server')) {
  skipped.push(
    'BullMQ queue contract (no redis-server on PATH and no REDIS_URL; `apt-get install redis-server`)',
  );
}
if (!process.env.MONGODB_URI)
  skipped.push('MongoDB store contract against a real server (MONGODB_URI not set)');
if (!process.env.MEILI_HOST) skipped.push('Meilisearch contract against a real server (MEILI_HOST not set)');

run('npx', ['vitest', 'run']);

const e2eDir = 'tests/e2e';
const hasE2e = existsSync(e2eDir) && readdirSync(e2eDir).some((file) => file.endsWith('.test.ts'));
if (hasE2e && existsSync(CHROMIUM)) {
  run('npx', ['vitest', 'run', '--config', 'tests/e2e/vitest.config.ts']);
} else if (hasE2e && process.env.CI) {
  console.error(`CI runs the browser journeys, but there is no Chromium at ${CHROMIUM}`);
  process.exit(1);
} else if (hasE2e) {
  skipped.push(`end-to-end browser journeys (no Chromium at ${CHROMIUM}; \`apt-get install chromium\`)`);
}

if (skipped.length > 0) {
  console.log('\nSkipped, and why:');
  for (const line of skipped) console.log(`  - ${line}`);
}
