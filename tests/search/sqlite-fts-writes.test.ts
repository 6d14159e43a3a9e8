import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FACET_NAMES,
  type ListingDocument,
  type SearchIndex,
  type SearchQuery,
} from '../../server/adapters/search/port.ts';
import { contractVocabulary } from '../../server/adapters/search/search-index.contract.ts';
import { createSqliteSearchIndex } from '../../server/adapters/search/sqlite-fts/index.ts';
import { seededRandom } from '../../scripts/bench/random.ts';

/**
 * The embedded engine keeps the rows of the word groups it has read current across writes instead of
 * asking FTS5 again. These runs write at random through one connection and, after every write, compare
 * each query's answer with a second connection to the same file, which has seen no query since the
 * write (another connection's commit makes it reload everything): the two must agree exactly.
 */

const WORDS = [
  'backend',
  'backends',
  'engineer',
  'engineers',
  'engineering',
  'developer',
  'senior',
  'remote',
  'remotely',
  'platform',
  'payments',
  'golang',
  'go',
  'postgres',
  'postgresql',
  'kubernetes',
  'k8s',
  'node.js',
  'node',
  'js',
  'c#',
  'c',
  'asp.net',
  'core',
  'continuous',
  'integration',
  'python',
  'pyhton',
  'kafka',
  'e',
  'ex',
  // Letters that only become capitals when decomposed, a letter with no decomposition, a word of no
  // letters at all.
  'ℝust',
  'ᴬᴾᴵ',
  'straße',
  '—',
  'Integration',
];
const SKILL_IDS = ['go', 'postgresql', 'kubernetes', 'csharp', 'c', 'nodejs', 'ci-cd', 'python', 'kafka'];
const SKILL_NAMES: Record<string, string> = {
  go: 'Go',
  postgresql: 'PostgreSQL',
  kubernetes: 'Kubernetes',
  csharp: 'C#',
  c: 'C',
  nodejs: 'Node.js',
  'ci-cd': 'CI/CD',
  python: 'Python',
  kafka: 'Apache Kafka',
};
const QUERIES = [
  'engineer',
  'e',
  'backend engineer',
  'backend engineer ',
  'golang',
  'postgress',
  'kubernets remote',
  'node.js backend',
  'node js',
  'c#',
  'asp.net core',
  'continuous integration',
  'senior eng',
  'pyhton',
  'engineers platform',
  'rust api',
  'straße',
  'integration',
];

function query(q: string, overrides: Partial<SearchQuery> = {}): SearchQuery {
  return {
    q,
    filter: {},
    facets: [...FACET_NAMES],
    sort: 'relevance',
    offset: 0,
    limit: 50,
    highlight: false,
    ...overrides,
  };
}

describe('sqlite-fts: answers stay exact across writes', () => {
  let dir: string;
  let writerDb: Database.Database;
  let readerDb: Database.Database;
  let writer: SearchIndex;
  let fresh: SearchIndex;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'backboard-fts-writes-'));
    writerDb = new Database(join(dir, 'search.db'));
    readerDb = new Database(join(dir, 'search.db'));
    // A low bm25 limit so that both relevance paths (bm25 and attribute) are compared.
    const options = { vocabulary: contractVocabulary(), relevanceRowLimit: 6 };
    writer = createSqliteSearchIndex({ db: writerDb, ...options });
    fresh = createSqliteSearchIndex({ db: readerDb, ...options });
  });

  afterEach(() => {
    writerDb.close();
    readerDb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function expectSameAnswers(step: string, queries: readonly string[] = QUERIES): Promise<void> {
    for (const q of queries) {
      for (const sort of ['relevance', 'newest'] as const) {
        const expected = await fresh.search(query(q, { sort }));
        const actual = await writer.search(query(q, { sort }));
        expect(
          { hits: actual.hits, total: actual.total, facets: actual.facets },
          `${step}: "${q}" by ${sort}`,
        ).toEqual({ hits: expected.hits, total: expected.total, facets: expected.facets });
      }
    }
  }

  function randomRun(seed: number) {
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const words = (min: number, max: number) =>
      Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, () => pick(WORDS)).join(' ');
    const versions = new Map<string, number>();
    let nextId = 0;
    const makeDoc = (id: string): ListingDocument => {
      const version = (versions.get(id) ?? 0) + 1;
      versions.set(id, version);
      const skills = [...new Set(Array.from({ length: Math.floor(random() * 4) }, () => pick(SKILL_IDS)))];
      return {
        id,
        version,
        status: random() < 0.85 ? 'open' : 'closed',
        title: words(1, 4),
        description: words(3, 20),
        // "Continuous" ends the company column and descriptions may begin "integration": a phrase must
        // not run from one column into the next.
        company: pick(['Acme', 'Globex Payments', 'Initech Platform', 'Acme Continuous']),
        companyId: 'company-1',
        skills: skills.map((skillId) => ({ id: skillId, name: SKILL_NAMES[skillId]! })),
        seniority: pick(['junior', 'mid', 'senior']),
        remote: pick(['onsite', 'hybrid', 'remote']),
        country: pick(['DE', 'FR']),
        city: pick(['Berlin', 'Paris']),
        employmentType: 'full-time',
        salaryMinUsd: 50_000,
        salaryMaxUsd: 90_000,
        visaSponsorship: random() < 0.3,
        remoteRegions: random() < 0.5 ? [] : [pick(['eu', 'worldwide']), 'DE'],
        createdAt: Date.UTC(2026, 0, 1) + Math.floor(random() * 100) * 86_400_000,
        updatedAt: Date.UTC(2026, 0, 1),
      };
    };
    const existing = () => [...versions.keys()];
    return {
      initial: () => Array.from({ length: 40 }, () => makeDoc(`listing-${nextId++}`)),
      /** One write, described for the failure message. */
      next: async (): Promise<string> => {
        const roll = random();
        const ids = existing();
        if (roll < 0.35 || ids.length === 0) {
          const doc = makeDoc(`listing-${nextId++}`);
          await writer.upsert([doc]);
          return `insert ${doc.id}`;
        }
        if (roll < 0.75) {
          // Half of the updates rewrite one of a few postings, so a group that has not been read for a
          // while holds several writes of the same posting, of which only the last counts.
          const doc = makeDoc(random() < 0.5 ? pick(ids.slice(0, 4)) : pick(ids));
          await writer.upsert([doc]);
          return `update ${doc.id} to "${doc.title}"`;
        }
        if (roll < 0.85) {
          const batch = [makeDoc(pick(ids)), makeDoc(`listing-${nextId++}`), makeDoc(pick(ids))];
          await writer.upsert(batch);
          return `batch ${batch.map((d) => d.id).join(', ')}`;
        }
        const id = pick(ids);
        const version = versions.get(id) ?? 0;
        versions.delete(id);
        await writer.delete([{ id, version }]);
        return `delete ${id}`;
      },
    };
  }

  it.each([1, 2, 3])('matches a fresh reader after each of 60 random writes (seed %i)', async (seed) => {
    const run = randomRun(seed);
    await writer.upsert(run.initial());
    await expectSameAnswers('initial');
    for (let step = 0; step < 60; step++) {
      const write = await run.next();
      await expectSameAnswers(`after write ${step} (${write})`);
    }
  });

  it.each([4, 5, 6])(
    'matches a fresh reader when words are read only now and then (seed %i)',
    async (seed) => {
      const run = randomRun(seed);
      const random = seededRandom(seed * 7);
      await writer.upsert(run.initial());
      await expectSameAnswers('initial');
      const writes: string[] = [];
      for (let step = 0; step < 120; step++) {
        writes.push(await run.next());
        // A few queries after most writes, so that other words fall several writes behind.
        const some = QUERIES.filter(() => random() < 0.15);
        await expectSameAnswers(`after writes ${writes.join('; ')}`, some);
        if (some.length > 0) writes.length = 0;
      }
      await expectSameAnswers('at the end');
    },
  );

  it("refuses to write inside a caller's transaction, whose rollback the caches could not follow", async () => {
    const run = randomRun(7);
    let attempt: Promise<void> | undefined;
    writerDb.transaction(() => {
      attempt = writer.upsert(run.initial().slice(0, 1));
    })();
    await expect(attempt).rejects.toThrow(/inside another transaction/);
    await expect(writer.stats()).resolves.toEqual({ documents: 0 });
  });

  it('stays exact when a batch is larger than the writes it remembers', async () => {
    const run = randomRun(4);
    await writer.upsert(run.initial());
    await expectSameAnswers('initial');
    const many = Array.from({ length: 300 }, (_, i) => ({
      ...run.initial()[0]!,
      id: `bulk-${i}`,
      title: i % 2 ? 'Backend Engineer' : 'Golang Developer',
    }));
    await writer.upsert(many);
    await expectSameAnswers('after a bulk upsert');
  });

  it('stays exact when a word is not read again for longer than the writes it remembers', async () => {
    const run = randomRun(5);
    await writer.upsert(run.initial());
    await expectSameAnswers('initial');
    for (let i = 0; i < 300; i++) await run.next();
    await expectSameAnswers('after 300 unread writes');
  });
});
