import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { createBackboard } from '../../server/compose.ts';
import { loadConfig } from '../../server/config.ts';
import { DEMO_CANDIDATE_EMAIL, DEMO_PASSWORD, seedDemoBoard } from '../../server/seed/demo.ts';
import {
  anonymousSearches,
  makeProfile,
  profileBody,
  runScenario,
  signedInSearches,
  startCeiling,
  type ScenarioResult,
} from '../load/harness.ts';
import { seededRandom } from './random.ts';
import type { BenchRow } from './types.ts';
import { signUpThroughApi } from '../../tests/e2e/support/api.ts';

/**
 * Per-request overhead of the API: the search route under autocannon load on loopback against the
 * embedded product on the demo board (as `npm start` seeds it), anonymous and for signed-in
 * candidates, beside a bare Fastify route measured in the same run as the ceiling. The product logs as
 * the server does when stdout is not a terminal (JSON at info), into /dev/null, so logging is paid for.
 */
const SECONDS = 5;
const CONNECTIONS = 10;
const SIGNED_IN = 4;

async function call(url: string, path: string, body: unknown, token?: string, method = 'POST') {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** The demo board, indexed and matched, and access tokens of candidates with scored profiles. */
export async function startDemoTarget() {
  const dataDir = mkdtempSync(join(tmpdir(), 'backboard-bench-api-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    AUTH_RATE_LIMIT: '100000',
    WRITE_RATE_LIMIT: '100000',
  });
  const backboard = await createBackboard(config, {
    logger: { level: config.logLevel, stream: pino.destination({ dest: '/dev/null', sync: false }) },
    seed: seedDemoBoard,
    salaryReference: true,
  });
  await backboard.adapters.queue.whenIdle(10 * 60_000);
  const url = await backboard.app.listen({ port: 0, host: '127.0.0.1' });
  const demo = await call(url, '/api/auth/login', { email: DEMO_CANDIDATE_EMAIL, password: DEMO_PASSWORD });
  const candidates = [demo.accessToken as string];
  const rand = seededRandom(42);
  for (let i = 1; i < SIGNED_IN; i++) {
    const token = await signUpThroughApi(url, {
      email: `bench-candidate-${i}@example.com`,
      name: `Candidate ${i}`,
      role: 'candidate',
    });
    await call(url, '/api/me/profile', profileBody(makeProfile(rand)), token, 'PUT');
    candidates.push(token);
  }
  await backboard.adapters.queue.whenIdle(60_000);
  return {
    url,
    candidates,
    async close() {
      await backboard.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function rows(result: ScenarioResult, ceiling: ScenarioResult | null, note: string): BenchRow[] {
  const area = 'api';
  return [
    {
      area,
      case: result.scenario,
      metric: 'throughput',
      value: Math.round(result.throughput),
      unit: 'req/s',
      note,
    },
    ...(ceiling
      ? [
          {
            area,
            case: result.scenario,
            metric: 'of ceiling',
            value: (100 * result.throughput) / ceiling.throughput,
            unit: '%',
            note: 'goal ≥ 10 % (issue #20)',
          },
        ]
      : []),
    { area, case: result.scenario, metric: 'p50', value: result.p50, unit: 'ms' },
    { area, case: result.scenario, metric: 'p99', value: result.p99, unit: 'ms' },
    { area, case: result.scenario, metric: 'errors', value: result.errors, unit: 'requests' },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const target = await startDemoTarget();
  const ceiling = await startCeiling();
  const options = { seconds: SECONDS, connections: CONNECTIONS, warmUpSeconds: 1 };
  const note = `${CONNECTIONS} connections, ${SECONDS} s, demo board`;
  try {
    const bare = await runScenario('bare Fastify route (ceiling)', {
      ...options,
      url: ceiling.url,
      requests: [{ method: 'GET', path: '/' }],
    });
    const anonymous = await runScenario('GET /api/listings/search, anonymous mix', {
      ...options,
      url: target.url,
      requests: anonymousSearches(),
    });
    const signedIn = await runScenario('GET /api/listings/search, signed-in with match scores', {
      ...options,
      url: target.url,
      requests: signedInSearches(target.candidates),
    });
    return [...rows(bare, null, note), ...rows(anonymous, bare, note), ...rows(signedIn, bare, note)];
  } finally {
    await ceiling.app.close();
    await target.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await run());
}
