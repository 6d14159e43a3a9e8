import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  url: string;
  port: number;
  /** Stops the server (SIGTERM: with append-only on, everything acknowledged is on disk). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
  /** Stops it, forgets everything it held (as a restart without persistence does) and starts it again. */
  restartEmpty(): Promise<void>;
  dispose(): Promise<void>;
}

/** How long a new server may take to answer PING: well under a second idle, longer on a loaded machine. */
const PING_DEADLINE_MS = 10_000;

/**
 * What a hook or step that starts or stops the private server should allow: the ping deadline, plus
 * spawning it, or its SIGTERM exit (append-only, so it flushes first) and removing its folder.
 */
export const REDIS_START_STOP_MS = PING_DEADLINE_MS + 5_000;

export const hasRedisServer = (): boolean => spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;

/**
 * Why a Redis-backed suite cannot run here, or null when it can. `ownServer` suites stop and restart
 * Redis, so they need the redis-server binary even where REDIS_URL is set. Under CI nothing may be
 * skipped: a missing Redis fails the run instead (.ci/run installs redis-server).
 */
export function redisUnavailableReason(options: { ownServer?: boolean } = {}): string | null {
  const available = hasRedisServer() || (!options.ownServer && Boolean(process.env.REDIS_URL));
  if (available) return null;
  const reason = options.ownServer
    ? 'no redis-server on PATH (apt-get install redis-server)'
    : 'no redis-server on PATH and REDIS_URL unset (apt-get install redis-server)';
  if (process.env.CI) throw new Error(`CI runs every Redis suite, but ${reason}`);
  return reason;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForPing(port: number): Promise<void> {
  const deadline = Date.now() + PING_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (
      spawnSync('redis-cli', ['-p', String(port), 'ping'])
        .stdout?.toString()
        .trim() === 'PONG'
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis on port ${port} did not answer within ${PING_DEADLINE_MS} ms`);
}

/** A private redis-server on a free loopback port with append-only persistence, as production runs it. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'backboard-redis-'));
  let child: ChildProcess | undefined;

  async function start() {
    // Already running: a second spawn would orphan this one (a hook that restarts "just in case").
    if (child && child.exitCode === null && child.signalCode === null) return;
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
      ],
      {
        stdio: 'ignore',
      },
    );
    await waitForPing(port);
  }

  async function stop() {
    const running = child;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    async restartEmpty() {
      await stop();
      for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
      await start();
    },
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
