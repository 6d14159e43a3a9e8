import { parseArgs } from 'node:util';
import {
  anonymousSearches,
  formatTable,
  listingEdits,
  listingWrites,
  profileWrites,
  runScenario,
  signedInSearches,
  startCeiling,
  startLoadTarget,
  type Requests,
  type ScenarioResult,
} from './load/harness.ts';

/**
 * `npm run load`: autocannon scenarios on loopback against the embedded product started in this
 * process, with a bare Fastify route as the ceiling. `npm run load -- --soak --minutes 10` runs a mixed
 * load instead, sampling memory every 10 s, and fails on unbounded growth or any failed request.
 *
 *   --seconds N       per scenario (default 10)      --connections N   (default 10)
 *   --listings N      board size (default 2000)      --profiles N      (default 5000)
 *   --soak            mixed soak run                 --minutes N       soak length (default 10)
 *   --max-growth N    soak: MB/min of RSS allowed over the last half (default 5)
 */
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    listings: { type: 'string', default: '2000' },
    profiles: { type: 'string', default: '5000' },
    soak: { type: 'boolean', default: false },
    minutes: { type: 'string', default: '10' },
    'max-growth': { type: 'string', default: '5' },
  },
});

function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`--${name} must be a positive number (got ${raw})`);
    process.exit(2);
  }
  return value;
}

const seconds = positive('seconds', values.seconds);
const connections = Math.round(positive('connections', values.connections));
const size = {
  listings: Math.round(positive('listings', values.listings)),
  profiles: Math.round(positive('profiles', values.profiles)),
};
const log = (message: string) => console.log(`load: ${message}`);
const mb = (bytes: number) => Math.round(bytes / 1_048_576);

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.x - meanX) * (p.y - meanY);
    variance += (p.x - meanX) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}

async function scenarios(): Promise<number> {
  log(`starting the embedded product with ${size.listings} listings and ${size.profiles} profiles`);
  const target = await startLoadTarget(size, { signedIn: 20, onProgress: log });
  const ceiling = await startCeiling();
  const results: ScenarioResult[] = [];
  const run = async (
    scenario: string,
    url: string,
    requests: Requests,
    options: { afterwards?: () => Promise<void>; rate?: number } = {},
  ) => {
    log(`${scenario}: ${seconds} s, ${connections} connections`);
    const result = await runScenario(scenario, {
      url,
      requests,
      seconds,
      connections,
      warmUpSeconds: 2,
      ...(options.rate ? { rate: options.rate } : {}),
    });
    results.push(result);
    if (options.afterwards) await options.afterwards();
    return result;
  };
  const drain = (scenario: string) => async () => {
    const started = Date.now();
    await target.backboard.adapters.queue.whenIdle(30 * 60_000);
    log(`${scenario}: queue drained ${Date.now() - started} ms after the run (index and match jobs)`);
  };
  try {
    await run('ceiling: bare Fastify { hello: world }', ceiling.url, [{ method: 'GET', path: '/' }]);
    const search = await run('search, anonymous mix', target.url, anonymousSearches());
    // Saturated, latency is queueing; at half the saturated rate it shows what users feel at that load.
    const half = Math.max(1, Math.floor(search.throughput / 2));
    await run(`search, anonymous mix at ${half} req/s`, target.url, anonymousSearches(), { rate: half });
    await run('search, signed-in (match scores)', target.url, signedInSearches(target.candidates));
    await run('listing writes (POST)', target.url, listingWrites(target.recruiter), {
      afterwards: drain('listing writes'),
    });
    await run('profile writes (PUT)', target.url, profileWrites(target.candidates), {
      afterwards: drain('profile writes'),
    });
  } finally {
    await ceiling.app.close();
    await target.close();
  }
  console.log(`\n${formatTable(results)}\n`);
  console.log(`rss at the end: ${mb(process.memoryUsage().rss)} MB (server and load generator, one process)`);
  return results.some((result) => result.errors > 0) ? 1 : 0;
}

/**
 * Soak: one mixed autocannon run (searches, signed-in searches, listing edits, profile writes) over a
 * board whose size stays the same. RSS is sampled every 10 s; it fails when the least-squares slope of
 * RSS over the second half exceeds --max-growth MB/min (a leak keeps climbing after warm-up; a healthy
 * heap levels off), or when any request fails.
 */
async function soak(): Promise<number> {
  const minutes = positive('minutes', values.minutes);
  const maxGrowth = positive('max-growth', values['max-growth']);
  log(`soak: ${minutes} min, ${connections} connections, board ${size.listings}/${size.profiles}`);
  const target = await startLoadTarget(size, { signedIn: 20, ownListings: 20, onProgress: log });
  const requests: Requests = [
    ...anonymousSearches(),
    ...signedInSearches(target.candidates).slice(0, 8),
    ...listingEdits(target.recruiter, target.ownListings).slice(0, 2),
    ...profileWrites(target.candidates).slice(0, 2),
  ];
  const started = Date.now();
  const samples: { minute: number; rss: number; heap: number }[] = [];
  const sample = () => {
    const memory = process.memoryUsage();
    samples.push({ minute: (Date.now() - started) / 60_000, rss: mb(memory.rss), heap: mb(memory.heapUsed) });
    const last = samples.at(-1)!;
    log(`t=${last.minute.toFixed(1)} min rss=${last.rss} MB heapUsed=${last.heap} MB`);
  };
  sample();
  const timer = setInterval(sample, 10_000);
  let result: ScenarioResult;
  try {
    result = await runScenario('soak: mixed', {
      url: target.url,
      requests,
      seconds: minutes * 60,
      connections,
    });
  } finally {
    clearInterval(timer);
  }
  sample();
  await target.backboard.adapters.queue.whenIdle(10 * 60_000);
  await target.close();

  const secondHalf = samples.filter((s) => s.minute >= minutes / 2);
  const rssSlope = slope(secondHalf.map((s) => ({ x: s.minute, y: s.rss })));
  const heapSlope = slope(secondHalf.map((s) => ({ x: s.minute, y: s.heap })));
  console.log(`\n${formatTable([result])}\n`);
  console.log(
    `rss: start ${samples[0]!.rss} MB, peak ${Math.max(...samples.map((s) => s.rss))} MB, end ${samples.at(-1)!.rss} MB; ` +
      `second-half slope ${rssSlope.toFixed(2)} MB/min (limit ${maxGrowth}); heapUsed slope ${heapSlope.toFixed(2)} MB/min`,
  );
  const failures: string[] = [];
  if (result.errors > 0) failures.push(`${result.errors} requests failed`);
  if (rssSlope > maxGrowth) failures.push(`RSS grows ${rssSlope.toFixed(2)} MB/min over the second half`);
  if (failures.length > 0) {
    console.error(`soak FAILED: ${failures.join('; ')}`);
    return 1;
  }
  console.log('soak passed: memory levels off and no request failed');
  return 0;
}

process.exitCode = values.soak ? await soak() : await scenarios();
