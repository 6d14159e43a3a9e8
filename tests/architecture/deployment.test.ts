import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { WORKER_STOP_GRACE_MS } from '../../workers/shutdown.ts';
import {
  PRODUCTION_SUITES,
  productionSuiteProblems,
  type VitestReport,
} from '../../scripts/expect-production-suites.ts';

const root = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface ComposeFile {
  services: Record<
    string,
    { image?: string; command?: string[]; stop_grace_period?: string; environment?: Record<string, string> }
  >;
}
interface Workflow {
  jobs: Record<
    string,
    {
      services?: Record<string, { image: string; ports?: string[] }>;
      env?: Record<string, string>;
      steps: { name?: string; uses?: string; run?: string }[];
    }
  >;
}

// Compose reads YAML merge keys (`<<: *backboard`), which YAML 1.2 leaves out unless asked.
const compose = parse(read('docker-compose.yml'), { merge: true }) as ComposeFile;
const workflow = parse(read('.github/workflows/ci.yml')) as Workflow;

describe('the image and compose run the processes so that signals arrive', () => {
  // `npx tsx` behind npm and `sh -c` never passed SIGTERM on; plain `tsx` kills a busy child without
  // its handlers. Node running the compiled entry is the process that gets the signal.
  it('starts node directly on the code compiled at build time', () => {
    const run = (entry: string) => ['node', '--enable-source-maps', `dist/node/${entry}/main.js`];
    expect(read('Dockerfile')).toContain(`CMD ${JSON.stringify(run('server')).replaceAll(',', ', ')}`);
    expect(read('Dockerfile')).toMatch(/^RUN node scripts\/build\.mjs /m);
    expect(compose.services.api?.command).toEqual(run('server'));
    expect(compose.services.workers?.command).toEqual(run('workers'));
  });

  it('gives the workers longer to stop than they give their running jobs', () => {
    const grace = Number(compose.services.workers?.stop_grace_period?.match(/^(\d+)s$/)?.[1]) * 1000;
    expect(grace).toBeGreaterThan(WORKER_STOP_GRACE_MS);
  });
});

describe('the CI production job runs the production suites and the API tests on real servers', () => {
  const job = workflow.jobs['production-backends']!;
  const env = job.env ?? {};
  const commands = job.steps.map((step) => step.run ?? '').join('\n');
  /** The host port a service container publishes for its container port. */
  const published = (service: string, containerPort: number) =>
    job.services?.[service]?.ports
      ?.map((mapping) => mapping.split(':').map(Number))
      .find(([, inside]) => inside === containerPort)?.[0];

  it('is a job of steps that each use an action or run a command', () => {
    expect(job.steps.length).toBeGreaterThan(0);
    for (const step of job.steps)
      expect(Boolean(step.uses) !== Boolean(step.run), JSON.stringify(step)).toBe(true);
  });

  it('starts MongoDB as a replica set (transactions need one) and points MONGODB_URI at it', () => {
    expect(commands).toMatch(/docker run -d --name mongo -p 27017:27017 mongo:[\d.]+ mongod --replSet rs0/);
    expect(commands).toContain("rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: '127.0.0.1:27017' }] })");
    const uri = new URL(env.MONGODB_URI!);
    expect([uri.hostname, uri.port, uri.searchParams.get('replicaSet')]).toEqual([
      '127.0.0.1',
      '27017',
      'rs0',
    ]);
  });

  it('points MEILI_HOST and REDIS_URL at the ports its service containers publish', () => {
    expect(Number(new URL(env.MEILI_HOST!).port)).toBe(published('meilisearch', 7700));
    expect(env.MEILI_MASTER_KEY).toBeTruthy();
    // The redis-server package the fault suites need starts a service on 6379: the container avoids it.
    expect(Number(new URL(env.REDIS_URL!).port)).toBe(published('redis', 6379));
    expect(published('redis', 6379)).not.toBe(6379);
    expect(commands).toContain('apt-get install -y -qq redis-server');
  });

  it('runs the contract suites and the API tests, then fails on a production suite that skipped', () => {
    const run = commands.match(
      /npx vitest run (.*?) --reporter=default --reporter=json --outputFile\.json=(\S+)/,
    );
    expect(run?.[1]?.split(' ')).toEqual(
      expect.arrayContaining(['tests/contract', 'tests/api', 'tests/workers']),
    );
    expect(commands).toContain(`npx tsx scripts/expect-production-suites.ts ${run?.[2]}`);
    for (const [suite, variable] of Object.entries(PRODUCTION_SUITES)) {
      expect(existsSync(join(root, suite)), suite).toBe(true);
      expect(env[variable], variable).toBeTruthy();
    }
  });

  it('runs the images docker compose runs', () => {
    expect(job.services?.meilisearch?.image).toBe(compose.services.meilisearch?.image);
    expect(job.services?.redis?.image).toBe(compose.services.redis?.image);
    expect(commands).toContain(`${compose.services.mongo?.image} mongod --replSet rs0`);
    expect(compose.services.mongo?.command).toEqual(['mongod', '--replSet', 'rs0', '--bind_ip_all']);
    expect(new URL(compose.services.api!.environment!.MONGODB_URI!).searchParams.get('replicaSet')).toBe(
      'rs0',
    );
  });
});

describe('expect-production-suites (the job fails when a production suite skipped)', () => {
  const env = { MONGODB_URI: 'mongodb://m', MEILI_HOST: 'http://s', REDIS_URL: 'redis://r' };
  const report = (status: string): VitestReport => ({
    testResults: Object.keys(PRODUCTION_SUITES).map((suite) => ({
      name: join(root, suite),
      assertionResults: [{ status: 'passed' }, { status: suite.includes('mongodb') ? status : 'passed' }],
    })),
  });

  it('passes when every case of every production suite passed', () => {
    expect(productionSuiteProblems(report('passed'), root, env)).toEqual([]);
  });

  it('names a suite that skipped, one that is missing, and a variable that is unset', () => {
    expect(productionSuiteProblems(report('skipped'), root, env)).toEqual([
      'tests/contract/store.mongodb.test.ts: 1 of 2 cases did not pass',
    ]);
    const withoutMeili = {
      testResults: report('passed').testResults.filter((r) => !r.name.includes('meili')),
    };
    expect(productionSuiteProblems(withoutMeili, root, { ...env, REDIS_URL: '' })).toEqual([
      'tests/contract/search.meilisearch.test.ts is not in the report',
      'REDIS_URL is not set: tests/contract/queue.bullmq.test.ts and the API tests skip its server',
    ]);
  });
});
