/**
 * `npx tsx scripts/bench/fan-out-trees.ts [rounds] <tree> [<tree> …]`: the profile index's CPU time per
 * query in several checkouts of Backboard (say main and a detached worktree at an older commit), in one
 * session. Each tree runs in a child process of its own, `rounds` times, interleaved, so a busy machine
 * weighs on every tree alike; each uses its own `syntheticProfiles`, `syntheticPostings` and
 * `createProfileIndex`. Prints one JSON line per run: build time, typed-array MiB, CPU ms per query
 * (three passes over 200 postings after 20 warm-up queries) and the sum of the scores of 50 queries,
 * which is the same in trees that score alike.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Generators {
  syntheticProfiles(count: number): unknown[];
  syntheticPostings(count: number, seed: number): unknown[];
}
interface FanOut {
  createProfileIndex(profiles: unknown[]): {
    byteLength: number;
    topCandidates(posting: unknown, k: number): { score: number }[];
  };
}

async function measure(tree: string): Promise<void> {
  const bench = (await import(pathToFileURL(`${tree}/scripts/bench/domain.ts`).href)) as Generators;
  const fanOut = (await import(pathToFileURL(`${tree}/server/domain/fan-out.ts`).href)) as FanOut;
  const profiles = bench.syntheticProfiles(200_000);
  const postings = bench.syntheticPostings(200, 11);
  const buildCpu = process.cpuUsage();
  const buildStart = performance.now();
  const index = fanOut.createProfileIndex(profiles);
  const buildMs = performance.now() - buildStart;
  const buildCpuUsed = process.cpuUsage(buildCpu);
  postings.slice(0, 20).forEach((posting) => index.topCandidates(posting, 50));
  const cpuPerQuery: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const before = process.cpuUsage();
    for (const posting of postings) index.topCandidates(posting, 50);
    const used = process.cpuUsage(before);
    cpuPerQuery.push(Number(((used.user + used.system) / 1000 / postings.length).toFixed(2)));
  }
  let scoreSum = 0;
  for (const posting of postings.slice(0, 50)) {
    for (const match of index.topCandidates(posting, 50)) scoreSum += match.score;
  }
  console.log(
    JSON.stringify({
      tree,
      buildMs: Math.round(buildMs),
      buildCpuMs: Math.round((buildCpuUsed.user + buildCpuUsed.system) / 1000),
      typedArraysMiB: Number((index.byteLength / (1024 * 1024)).toFixed(1)),
      cpuPerQueryMs: cpuPerQuery,
      scoreSum: Number(scoreSum.toFixed(4)),
    }),
  );
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await measure(args[1]!);
} else {
  const rounds = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 3;
  const trees = args.map((tree) => resolve(tree));
  if (trees.length === 0) {
    console.error('usage: npx tsx scripts/bench/fan-out-trees.ts [rounds] <tree> [<tree> …]');
    process.exit(1);
  }
  const self = new URL(import.meta.url).pathname;
  for (let round = 0; round < rounds; round++) {
    for (const tree of trees) {
      const line = execFileSync(process.execPath, [...process.execArgv, self, '--child', tree], {
        encoding: 'utf8',
      });
      process.stdout.write(line);
    }
  }
}
