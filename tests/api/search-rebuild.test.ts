import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, EMBEDDED_BACKENDS, type TestApp } from '../helpers/app.ts';

/**
 * `tests/fixtures/data-2026-11/` is a data folder written before the search tables had a schema
 * version: 3 listings, one of them closed, all marked indexed. Each test opens a copy.
 */
const FIXTURE = join(import.meta.dirname, '../fixtures/data-2026-11');
/** The fixture is a SQLite file: the embedded adapters, whatever CI sets. */
const EMBEDDED = EMBEDDED_BACKENDS;

describe('start-up on a data folder with an older search schema', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'backboard-data-2026-11-'));
    cpSync(FIXTURE, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function titlesFound(t: TestApp, q: string) {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/listings/search?q=${encodeURIComponent(q)}`,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    return {
      total: body.total as number,
      titles: (body.items as { listing: { title: string } }[]).map((item) => item.listing.title).sort(),
    };
  }

  it('rebuilds the index from the store: open listings are found, the closed one is not', async () => {
    const t = await createTestApp(EMBEDDED, dir);
    try {
      expect(t.adapters.listingsToReindex).toBe(3);
      await t.adapters.queue.whenIdle(20_000);
      expect(await titlesFound(t, 'rust')).toEqual({ total: 1, titles: ['Rust Platform Engineer'] });
      expect(await titlesFound(t, '')).toEqual({
        total: 2,
        titles: ['Rust Platform Engineer', 'Senior Go Engineer'],
      });
      expect(await titlesFound(t, 'python')).toEqual({ total: 0, titles: [] });
    } finally {
      await t.close();
    }
  });

  it('rebuilds only once: the next start finds the index current', async () => {
    const first = await createTestApp(EMBEDDED, dir);
    await first.adapters.queue.whenIdle(20_000);
    await first.close();

    const second = await createTestApp(EMBEDDED, dir);
    try {
      expect(second.adapters.listingsToReindex).toBe(0);
      expect(await second.adapters.search.stats()).toEqual({ documents: 3 });
      expect(await titlesFound(second, 'rust')).toEqual({ total: 1, titles: ['Rust Platform Engineer'] });
    } finally {
      await second.close();
    }
  });
});
