import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ListingDocument, SearchIndex, SearchQuery } from '../../server/adapters/search/port.ts';
import { contractVocabulary } from '../../server/adapters/search/search-index.contract.ts';
import { createSqliteSearchIndex } from '../../server/adapters/search/sqlite-fts/index.ts';
import { SEARCH_SCHEMA_VERSION } from '../../server/adapters/search/sqlite-fts/schema.ts';

function listingDoc(id: string, title: string): ListingDocument {
  return {
    id,
    title,
    description: 'Services for payments.',
    company: 'Acme',
    companyId: 'company-acme',
    skills: [{ id: 'rust', name: 'Rust' }],
    seniority: 'senior',
    remote: 'remote',
    country: 'DE',
    city: 'Berlin',
    employmentType: 'full-time',
    salaryMinUsd: 80_000,
    salaryMaxUsd: 100_000,
    visaSponsorship: false,
    remoteRegions: ['DE'],
    createdAt: Date.UTC(2026, 0, 1),
    updatedAt: Date.UTC(2026, 0, 1),
    status: 'open',
    version: 1,
  };
}

const query = (q: string): SearchQuery => ({
  q,
  filter: {},
  facets: [],
  sort: 'relevance',
  offset: 0,
  limit: 20,
});
const idsFound = async (index: SearchIndex, q: string) =>
  (await index.search(query(q))).hits.map((h) => h.id);

describe('sqlite-fts: schema version', () => {
  let dir: string;
  let file: string;
  const handles: Database.Database[] = [];

  /** A new connection to the file, as a restart opens it. */
  function connect(): Database.Database {
    const db = new Database(file);
    handles.push(db);
    return db;
  }
  const open = (db: Database.Database) => createSqliteSearchIndex({ db, vocabulary: contractVocabulary() });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'backboard-fts-schema-'));
    file = join(dir, 'search.db');
  });

  afterEach(() => {
    for (const db of handles.splice(0)) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the tables at the current version and says the new index needs a rebuild', async () => {
    const db = connect();
    expect(await open(db).applySettings()).toEqual({ rebuildNeeded: true });
    expect(db.prepare(`SELECT value FROM search_meta WHERE key = 'schema_version'`).pluck().get()).toBe(
      SEARCH_SCHEMA_VERSION,
    );
  });

  it('keeps the documents and needs no rebuild when reopened at the same version', async () => {
    const first = open(connect());
    await first.applySettings();
    await first.upsert([listingDoc('rust', 'Rust Platform Engineer')]);

    const reopened = open(connect());
    expect(await reopened.applySettings()).toEqual({ rebuildNeeded: false });
    expect(await reopened.stats()).toEqual({ documents: 1 });
    expect(await idsFound(reopened, 'rust')).toEqual(['rust']);
  });

  it('rebuilds when the filter table has other rows than the documents hold', async () => {
    const first = open(connect());
    await first.upsert([listingDoc('rust', 'Rust Platform Engineer')]);
    connect().prepare(`UPDATE search_meta SET value = 'skills,seniority' WHERE key = 'filters'`).run();

    const reopened = open(connect());
    expect(await reopened.applySettings()).toEqual({ rebuildNeeded: true });
    expect(await reopened.stats()).toEqual({ documents: 0 });
  });

  it('drops and recreates the tables of another version, empty, and says a rebuild is needed', async () => {
    const first = open(connect());
    await first.upsert([listingDoc('rust', 'Rust Platform Engineer')]);
    connect()
      .prepare(`UPDATE search_meta SET value = ? WHERE key = 'schema_version'`)
      .run(SEARCH_SCHEMA_VERSION + 1);

    const reopened = open(connect());
    expect(await reopened.applySettings()).toEqual({ rebuildNeeded: true });
    expect(await reopened.stats()).toEqual({ documents: 0 });
    expect(await idsFound(reopened, 'rust')).toEqual([]);
    await reopened.upsert([listingDoc('go', 'Go Platform Engineer')]);
    expect(await idsFound(reopened, 'platform')).toEqual(['go']);
    expect(await open(connect()).applySettings()).toEqual({ rebuildNeeded: false });
  });

  it('replaces tables written before the schema had a version', async () => {
    // The layout of 2026-11 had no meta table; here the documents table also lacks columns.
    const db = connect();
    db.exec(`
      CREATE TABLE search_docs (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, version INTEGER NOT NULL);
      CREATE VIRTUAL TABLE search_fts USING fts5(title, content = '', contentless_delete = 1);
      CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row');
    `);

    const index = open(db);
    expect(await index.applySettings()).toEqual({ rebuildNeeded: true });
    await index.upsert([listingDoc('rust', 'Rust Platform Engineer')]);
    expect(await idsFound(index, 'rust')).toEqual(['rust']);
  });

  it('forgets what another index on the same handle had loaded from the replaced tables', async () => {
    const db = connect();
    const first = open(db);
    await first.upsert([listingDoc('rust', 'Rust Platform Engineer')]);
    expect(await idsFound(first, 'rust')).toEqual(['rust']);
    db.prepare(`UPDATE search_meta SET value = ? WHERE key = 'schema_version'`).run(
      SEARCH_SCHEMA_VERSION + 1,
    );

    const second = open(db);
    expect(await second.applySettings()).toEqual({ rebuildNeeded: true });
    expect(await idsFound(first, 'rust')).toEqual([]);
    expect(await idsFound(second, 'rust')).toEqual([]);
  });
});
