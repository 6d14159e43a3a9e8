import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../server/adapters/store/sqlite/index.ts';
import { createTestApp, listingBody, signUp } from '../helpers/app.ts';
import { newListing } from '../helpers/factories.ts';

const run = promisify(execFile);
const WRITER = join(import.meta.dirname, 'fixtures', 'sqlite-writer.ts');
const ROUNDS = 60;

/** The embedded store when the API and the workers are two processes on one file (BullMQ queue). */
describe('one SQLite file, several writing processes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'backboard-shared-sqlite-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('lands every write of three processes at once, none refused as locked', async () => {
    const file = join(dir, 'backboard.db');
    const seed = createSqliteStore({ file });
    const company = await seed.companies.findOrCreate('Shared Co');
    const shared: string[] = [];
    for (let i = 0; i < 3; i++) {
      const owner = { ownerId: 'owner', companyId: company.id, company: company.name };
      shared.push((await seed.listings.create(newListing(owner))).id);
    }
    await seed.close();

    const writers = ['api', 'workers-1', 'workers-2'].map((name) =>
      run(process.execPath, ['--import', 'tsx', WRITER], {
        env: {
          ...process.env,
          SQLITE_FILE: file,
          SHARED_LISTINGS: shared.join(','),
          ROUNDS: String(ROUNDS),
          WRITER: name,
        },
      }),
    );
    const reports = (await Promise.all(writers)).map(
      ({ stdout }) =>
        JSON.parse(stdout.trim().split('\n').at(-1)!) as {
          landed: number;
          failures: Record<string, number>;
        },
    );
    for (const report of reports) {
      expect(report.failures).toEqual({});
      expect(report.landed).toBe(ROUNDS * 5);
    }

    const store = createSqliteStore({ file });
    try {
      // Each process's creates are all there, and each shared listing took every edit made to it.
      expect(await store.listings.count()).toBe(3 + 3 * ROUNDS);
      const versions = await Promise.all(
        shared.map(async (id) => (await store.listings.findById(id))!.version),
      );
      expect(versions.reduce((sum, version) => sum + version, 0)).toBe(3 + 3 * ROUNDS);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('answers 503 with Retry-After when another process holds the file past the busy timeout', async () => {
    const t = await createTestApp({}, dir);
    let other: Database.Database | undefined;
    try {
      const recruiter = await signUp(t.app, 'recruiter');
      const before = await t.store.listings.count();
      // Another process takes the write lock and keeps it.
      other = new Database(join(dir, 'backboard.db'));
      other.exec('BEGIN IMMEDIATE');
      const blocked = await t.app.inject({
        method: 'POST',
        url: '/api/listings',
        headers: recruiter.auth,
        payload: listingBody(),
      });
      expect(blocked.statusCode).toBe(503);
      expect(blocked.json().error.code).toBe('unavailable');
      expect(blocked.headers['retry-after']).toBe('1');
      other.exec('ROLLBACK');
      // Once it lets go, the same write goes through.
      const retried = await t.app.inject({
        method: 'POST',
        url: '/api/listings',
        headers: recruiter.auth,
        payload: listingBody(),
      });
      expect(retried.statusCode).toBe(201);
      expect(await t.store.listings.count()).toBe(before + 1);
    } finally {
      other?.close();
      await t.close();
    }
  }, 60_000);
});
