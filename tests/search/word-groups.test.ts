import { describe, expect, it } from 'vitest';
import {
  GroupRowsCache,
  groupExpression,
  groupMatches,
  type IndexedColumns,
  type WordGroup,
} from '../../server/adapters/search/sqlite-fts/word-groups.ts';

const COLUMNS = ['title', 'skills', 'description'];
const golang: WordGroup = {
  phrases: [
    { terms: ['golang'], prefix: false },
    { terms: ['go', 'lang'], prefix: false },
    { terms: ['gol'], prefix: true },
  ],
  column: null,
};

describe('word groups', () => {
  it('are written as FTS5 expressions, optionally within one column', () => {
    expect(groupExpression(golang, COLUMNS)).toBe('("golang" OR "go lang" OR "gol"*)');
    expect(groupExpression({ ...golang, column: 0 }, COLUMNS)).toBe(
      '{title} : ("golang" OR "go lang" OR "gol"*)',
    );
  });

  it('match a posting the way FTS5 does: terms, phrases within a column, prefixes, one column', () => {
    const doc = (...columns: string[]): IndexedColumns => columns.map((c) => c.split(' ').filter(Boolean));
    expect(groupMatches(golang, doc('senior golang engineer', '', ''))).toBe(true);
    expect(groupMatches(golang, doc('we write go lang', '', ''))).toBe(true);
    // A phrase never spans two columns.
    expect(groupMatches(golang, doc('we write go', 'lang', ''))).toBe(false);
    expect(groupMatches(golang, doc('', '', 'goldman sachs'))).toBe(true);
    expect(groupMatches(golang, doc('', '', 'go'))).toBe(false);
    expect(groupMatches({ ...golang, column: 0 }, doc('engineer', 'golang', ''))).toBe(false);
    expect(groupMatches({ ...golang, column: 1 }, doc('engineer', 'golang', ''))).toBe(true);
    expect(groupMatches(golang, null)).toBe(false);
  });
});

describe('GroupRowsCache', () => {
  const limits = { entries: 2, rows: 100, changes: 3 };
  const fetcher = (rows: number[]) => {
    let calls = 0;
    return {
      fetch: () => {
        calls++;
        return Int32Array.from(rows);
      },
      get calls() {
        return calls;
      },
    };
  };
  const golangDoc: IndexedColumns = [['golang'], [], []];
  const otherDoc: IndexedColumns = [['java'], [], []];

  it('reads a group once, then brings it up to date with later writes without reading again', () => {
    const cache = new GroupRowsCache(limits);
    const source = fetcher([2, 5, 9]);
    expect([...cache.rows('g', golang, source.fetch)]).toEqual([2, 5, 9]);
    cache.record([
      { rid: 7, columns: golangDoc },
      { rid: 5, columns: otherDoc },
      { rid: 9, columns: null },
    ]);
    expect([...cache.rows('g', golang, source.fetch)]).toEqual([2, 7]);
    cache.record([{ rid: 1, columns: golangDoc }]);
    expect([...cache.rows('g', golang, source.fetch)]).toEqual([1, 2, 7]);
    expect(source.calls).toBe(1);
  });

  it('reads a group again once it has missed more writes than the cache remembers', () => {
    const cache = new GroupRowsCache(limits);
    const source = fetcher([2]);
    cache.rows('g', golang, source.fetch);
    for (let rid = 10; rid < 14; rid++) cache.record([{ rid, columns: golangDoc }]);
    cache.rows('g', golang, source.fetch);
    expect(source.calls).toBe(2);
  });

  it('forgets everything on a batch larger than the writes it remembers', () => {
    const cache = new GroupRowsCache(limits);
    const source = fetcher([2]);
    cache.rows('g', golang, source.fetch);
    cache.record([10, 11, 12, 13].map((rid) => ({ rid, columns: golangDoc })));
    expect(cache.size).toBe(0);
    cache.rows('g', golang, source.fetch);
    expect(source.calls).toBe(2);
  });

  it('keeps at most its entries and rows, dropping the least recently used', () => {
    const cache = new GroupRowsCache(limits);
    const a = fetcher([1]);
    const b = fetcher([2]);
    const c = fetcher([3]);
    cache.rows('a', golang, a.fetch);
    cache.rows('b', golang, b.fetch);
    cache.rows('a', golang, a.fetch);
    cache.rows('c', golang, c.fetch);
    expect(cache.size).toBe(2);
    cache.rows('a', golang, a.fetch);
    cache.rows('b', golang, b.fetch);
    expect([a.calls, b.calls, c.calls]).toEqual([1, 2, 1]);

    const big = fetcher(Array.from({ length: 150 }, (_, i) => i));
    cache.rows('big', golang, big.fetch);
    expect(cache.size).toBe(1);
  });
});
