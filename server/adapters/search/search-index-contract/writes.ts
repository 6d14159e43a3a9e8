import { describe, expect, it } from 'vitest';
import { DAY, EPOCH, idsOf, listingDoc, query } from './fixtures.ts';
import type { SearchIndexCase } from './handle.ts';

export function describeWrites({ index, find }: SearchIndexCase): void {
  describe('writes', () => {
    it('deletes documents and ignores unknown ids', async () => {
      await index.upsert([
        listingDoc({ id: 'a', title: 'Go Engineer' }),
        listingDoc({ id: 'b', title: 'Go Engineer' }),
      ]);
      await index.delete([
        { id: 'a', version: 1 },
        { id: 'unknown', version: 1 },
      ]);
      expect(await find('golang')).toEqual(['b']);
      expect(await index.stats()).toEqual({ documents: 1 });
    });

    it('removes a document only up to the version named, so a newer one survives a late removal', async () => {
      // Deleted at version 4, imported again at 5: the removal for 4 arrives after the new document.
      await index.upsert([listingDoc({ id: 'a', title: 'Go Engineer', version: 5 })]);
      await index.upsert([listingDoc({ id: 'b', title: 'Go Engineer', version: 2 })]);
      await index.delete([
        { id: 'a', version: 4 },
        { id: 'b', version: 3 },
      ]);
      expect(await find('golang')).toEqual(['a']);
      await index.delete([{ id: 'a', version: 5 }]);
      expect(await find('golang')).toEqual([]);
      expect(await index.stats()).toEqual({ documents: 0 });
    });

    it('replaces old content on update', async () => {
      await index.upsert([listingDoc({ id: 'a', title: 'Go Engineer', skills: ['go'], version: 1 })]);
      await index.upsert([listingDoc({ id: 'a', title: 'Rust Engineer', skills: ['rust'], version: 2 })]);
      expect(await find('golang')).toEqual([]);
      expect(await find('rust')).toEqual(['a']);
      const facets = await index.search(query({ facets: ['skills'] }));
      expect(facets.facets.skills).toEqual({ rust: 1 });
      expect(await index.stats()).toEqual({ documents: 1 });
    });

    it('ignores an upsert older than the indexed version', async () => {
      await index.upsert([listingDoc({ id: 'a', title: 'Rust Engineer', version: 3 })]);
      await index.upsert([listingDoc({ id: 'a', title: 'Go Engineer', version: 2 })]);
      expect(await find('golang')).toEqual([]);
      expect(await find('rust')).toEqual(['a']);
      await index.upsert([listingDoc({ id: 'a', title: 'Scala Engineer', version: 4 })]);
      expect(await find('scala')).toEqual(['a']);
    });

    it('keeps the newest of several versions in one batch', async () => {
      await index.upsert([
        listingDoc({ id: 'a', title: 'Scala Engineer', version: 5 }),
        listingDoc({ id: 'a', title: 'Rust Engineer', version: 4 }),
      ]);
      expect(await find('scala')).toEqual(['a']);
      expect(await find('rust')).toEqual([]);
    });

    it('never finds closed postings, and finds them again when reopened', async () => {
      await index.upsert([
        listingDoc({ id: 'a', title: 'Go Engineer', status: 'closed' }),
        listingDoc({ id: 'b', title: 'Go Engineer' }),
      ]);
      expect(await find('golang')).toEqual(['b']);
      expect(await find('')).toEqual(['b']);
      await index.upsert([listingDoc({ id: 'b', title: 'Go Engineer', status: 'closed', version: 2 })]);
      expect(await find('golang')).toEqual([]);
      await index.upsert([listingDoc({ id: 'a', title: 'Go Engineer', version: 2 })]);
      expect(await find('golang')).toEqual(['a']);
    });

    it('answers a repeated query with every write made in between', async () => {
      await index.upsert([
        listingDoc({ id: 'a', title: 'Go Engineer', skills: ['go'] }),
        listingDoc({ id: 'b', title: 'Go Engineer', createdAt: EPOCH + DAY }),
      ]);
      const search = () =>
        index.search(query({ q: 'golang', facets: ['skills'], highlight: true, sort: 'newest' }));
      expect(idsOf(await search())).toEqual(['b', 'a']);
      await index.upsert([
        listingDoc({ id: 'a', title: 'Rust Engineer', skills: ['rust'], version: 2 }),
        listingDoc({ id: 'c', title: 'Golang Engineer', skills: ['go'], createdAt: EPOCH + 2 * DAY }),
      ]);
      const afterUpsert = await search();
      expect(idsOf(afterUpsert)).toEqual(['c', 'b']);
      expect(afterUpsert.facets.skills).toEqual({ go: 1 });
      expect(afterUpsert.hits[0]?.highlights?.title).toBe('<mark>Golang</mark> Engineer');
      await index.delete([{ id: 'c', version: 1 }]);
      expect(idsOf(await search())).toEqual(['b']);
    });

    it('clears everything', async () => {
      await index.upsert([listingDoc({ id: 'a' }), listingDoc({ id: 'b' })]);
      await index.clear();
      expect(await index.stats()).toEqual({ documents: 0 });
      expect((await index.search(query())).total).toBe(0);
    });
  });
}
