import { pathToFileURL } from 'node:url';
import {
  anonymousSearches,
  runScenario,
  signedInSearches,
  startCeiling,
  startLoadTarget,
  type ScenarioResult,
} from '../load/harness.ts';
import type { BenchRow } from './types.ts';

/**
 * The API search route under autocannon load on loopback, against the embedded product, with a bare
 * Fastify route measured in the same run as the ceiling: the short form of `npm run load`'s search
 * scenarios (a smaller board, 5 s per case).
 */
const BOARD = { listings: 1000, profiles: 300 };
const SECONDS = 5;
const CONNECTIONS = 10;

function rows(result: ScenarioResult, note: string): BenchRow[] {
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
    { area, case: result.scenario, metric: 'p50', value: result.p50, unit: 'ms' },
    { area, case: result.scenario, metric: 'p99', value: result.p99, unit: 'ms' },
    { area, case: result.scenario, metric: 'errors', value: result.errors, unit: 'requests' },
  ];
}

export async function run(): Promise<BenchRow[]> {
  const target = await startLoadTarget(BOARD, { signedIn: 10 });
  const ceiling = await startCeiling();
  const options = { seconds: SECONDS, connections: CONNECTIONS, warmUpSeconds: 1 };
  const note = `${CONNECTIONS} connections, ${SECONDS} s, ${BOARD.listings} listings`;
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
    return [...rows(bare, note), ...rows(anonymous, note), ...rows(signedIn, note)];
  } finally {
    await ceiling.app.close();
    await target.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await run());
}
