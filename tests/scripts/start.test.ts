import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUnavailableReason, startRedis, type RedisServer } from '../helpers/redis.ts';
import { everythingIsCurrent, NODE_OUT } from '../../scripts/build.mjs';
import type { DemoAccounts } from '../../server/compose.ts';

/**
 * `npm start` runs code compiled by scripts/build.mjs: the compiled server and workers must behave as
 * the sources do — find their data files and migrations, serve the web build, stop on a signal.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const BUILD_MS = 180_000;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, LOG_FORMAT: 'json', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(what: string, check: () => Promise<boolean> | boolean, running: Running) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (running.child.exitCode !== null) throw new Error(`exited before ${what}:\n${running.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${what} within 60 s:\n${running.output()}`);
}

const answers = (url: string) =>
  fetch(url).then(
    (response) => response.ok,
    () => false,
  );

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'backboard-start-'));
  // What a start after a change does first; builds nothing when the builds are current.
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--changed'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
}, BUILD_MS);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start on the compiled server', () => {
  it('builds nothing when no source changed since the last build', () => {
    expect(everythingIsCurrent()).toBe(true);
  });

  it('answers at once, seeds from its data files, serves the web UI and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = run(['scripts/start.mjs'], { DATA_DIR: dataDir, PORT: String(port) });
    try {
      await until('answer on /health', () => answers(`${base}/health`), server);
      expect(server.output()).not.toMatch(/Compiling the server|building the web UI/i);
      const page = await fetch(`${base}/`);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toMatch(/<script type="module"[^>]*src="\/assets\//);
      // The seed reads the shared postings and salary data beside the sources, as the sources do.
      await until('seeded board', () => server.output().includes('"demo board seeded"'), server);
      // …and indexes it in the SQLite index its migrations made.
      const found = async () => {
        const answer = (await (await fetch(`${base}/api/listings/search?q=python`)).json()) as {
          total: number;
        };
        return answer.total > 0;
      };
      await until('indexed postings', found, server);
      // The compiled job thread matched the demo board: its candidate has recommendations, and the
      // listing pages show salary bands.
      const accounts = server
        .output()
        .split('\n')
        .map((line) => (line.startsWith('{') ? (JSON.parse(line) as { demo?: DemoAccounts }) : {}))
        .find((entry) => entry.demo)?.demo;
      expect(accounts).toBeDefined();
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: accounts!.candidate, password: accounts!.password }),
      });
      expect(login.status).toBe(200);
      const { accessToken } = (await login.json()) as { accessToken: string };
      const recommended = async () => {
        const answer = await fetch(`${base}/api/me/recommendations`, {
          headers: { authorization: `Bearer ${accessToken}` },
        });
        return ((await answer.json()) as { items: unknown[] }).items.length > 0;
      };
      await until('recommendations from the job thread', recommended, server);
      expect(server.output()).not.toMatch(/job thread (failed|exited)/);
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"shut down cleanly"');
  }, 120_000);
});

const noRedis = redisUnavailableReason();
describe.skipIf(noRedis)('the compiled workers process', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  }, 20_000);
  afterAll(() => redis?.dispose());

  it('consumes from Redis with the shared store and exits 0 on SIGTERM', async () => {
    const workers = run([join(NODE_OUT, 'workers', 'main.js')], {
      REDIS_URL: redis.url,
      DATA_DIR: dataDir,
      QUEUE_PREFIX: `start-test-${process.pid}`,
    });
    try {
      await until('consuming', () => workers.output().includes('workers: consuming'), workers);
    } finally {
      workers.child.kill('SIGTERM');
    }
    expect(await workers.exited).toBe(0);
  }, 60_000);
});
