import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchRow } from './types.ts';

/**
 * `npm start` as a person runs it, on one fresh data folder: the first start seeds the demo board (and
 * builds the web UI and compiles the server when their sources changed), the later ones open the
 * existing folder. Each start is timed from spawning to the first answered `/health` (polled every
 * 25 ms) and from the "Server listening" line to that answer. For a fresh clone's first start, remove
 * dist/ first.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const POLL_MS = 25;
const TIMEOUT_MS = 240_000;
const LATER_STARTS = 5; // the later starts' figures are medians of this many

interface StartTiming {
  toFirstAnswerMs: number;
  afterAddressMs: number;
}

async function timeStart(dataDir: string, port: number): Promise<StartTiming> {
  const started = Date.now();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'ignore'],
    detached: true,
  });
  let output = '';
  let addressAt = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (!addressAt && output.includes('Server listening')) addressAt = Date.now();
  });
  try {
    while (Date.now() - started < TIMEOUT_MS) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`);
        await response.text();
        if (response.ok) {
          const now = Date.now();
          return { toFirstAnswerMs: now - started, afterAddressMs: now - (addressAt || now) };
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error(`npm start did not answer within ${TIMEOUT_MS} ms`);
  } finally {
    // npm does not pass signals on: stop the whole process group.
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await portClosed(port); // npm exits before the server it started has shut down
  }
}

async function portClosed(port: number): Promise<void> {
  for (;;) {
    try {
      await (await fetch(`http://127.0.0.1:${port}/health`)).text();
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;

export async function run(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'backboard-startup-'));
  try {
    const first = await timeStart(dataDir, 4870);
    const later: StartTiming[] = [];
    for (let run = 0; run < LATER_STARTS; run += 1) later.push(await timeStart(dataDir, 4871));
    const second = {
      toFirstAnswerMs: median(later.map((start) => start.toFirstAnswerMs)),
      afterAddressMs: median(later.map((start) => start.afterAddressMs)),
    };
    const row = (caseName: string, metric: string, value: number, note?: string): BenchRow => ({
      area: 'startup',
      case: caseName,
      metric,
      value,
      unit: 'ms',
      ...(note ? { note } : {}),
    });
    return [
      row('first start (seeds the demo board)', 'spawn → first answer', first.toFirstAnswerMs),
      row('first start (seeds the demo board)', 'address printed → first answer', first.afterAddressMs),
      row('later start (existing data folder, median of 5)', 'spawn → first answer', second.toFirstAnswerMs),
      row(
        'later start (existing data folder, median of 5)',
        'address printed → first answer',
        second.afterAddressMs,
        `first/later ${(first.toFirstAnswerMs / second.toFirstAnswerMs).toFixed(1)}×`,
      ),
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.table(await run());
