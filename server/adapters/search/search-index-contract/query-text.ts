import { beforeEach, describe, expect, it } from 'vitest';
import { listingDoc, query, sorted } from './fixtures.ts';
import type { SearchIndexCase } from './handle.ts';

export function describeQueryText({ index, find }: SearchIndexCase): void {
  describe('query text', () => {
    beforeEach(async () => {
      await index.upsert([
        listingDoc({ id: 'go', title: 'Go Engineer', skills: ['go'] }),
        listingDoc({
          id: 'fr',
          title: 'Développeur Backend Senior',
          company: 'Société Générale',
          city: 'Zürich',
        }),
        listingDoc({ id: 'jp', title: 'バックエンド エンジニア 東京' }),
        listingDoc({ id: 'html', title: 'Go <script>alert(1)</script> Engineer', skills: ['go'] }),
      ]);
    });

    it('browses everything open for an empty or blank query', async () => {
      expect((await index.search(query({ q: '' }))).total).toBe(4);
      expect((await index.search(query({ q: '  \t\n ' }))).total).toBe(4);
    });

    it('answers very long queries by their first words', async () => {
      expect(sorted(await find('golang '.repeat(400)))).toEqual(['go', 'html']);
      const noise = await index.search(query({ q: 'lorem ipsum dolor sit amet '.repeat(200) }));
      expect(noise.total).toBe(0);
    });

    it('matches across case, diacritics and scripts', async () => {
      expect(await find('developpeur')).toEqual(['fr']);
      expect(await find('DÉVELOPPEUR backend')).toEqual(['fr']);
      expect(await find('societe generale')).toEqual(['fr']);
      expect(await find('zurich')).toEqual(['fr']);
      expect(await find('東京')).toEqual(['jp']);
    });

    it('treats query syntax and symbols as plain text', async () => {
      for (const q of [
        '"go',
        'go OR NOT rust',
        'NEAR(go rust)',
        '*',
        '-go',
        'go AND',
        '(((',
        '🚀 golang 🚀',
        'go:engineer',
      ]) {
        await expect(index.search(query({ q }))).resolves.toBeDefined();
      }
      expect(sorted(await find('🚀 golang 🚀'))).toEqual(['go', 'html']);
    });

    it('highlights matched words, escaping the text', async () => {
      const result = await index.search(query({ q: 'golang', highlight: true, sort: 'newest' }));
      const byId = new Map(result.hits.map((h) => [h.id, h.highlights]));
      expect(byId.get('go')?.title).toBe('<mark>Go</mark> Engineer');
      expect(byId.get('html')?.title).toBe('<mark>Go</mark> &lt;script&gt;alert(1)&lt;/script&gt; Engineer');
    });

    it('crops the description around the first match', async () => {
      const filler = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
      await index.upsert([
        listingDoc({
          id: 'long',
          title: 'Platform Engineer',
          description: `${filler} we run Kubernetes ${filler}`,
        }),
      ]);
      const result = await index.search(query({ q: 'kubernetes', highlight: true }));
      const description = result.hits[0]?.highlights?.description ?? '';
      expect(description).toContain('<mark>Kubernetes</mark>');
      expect(description.startsWith('…')).toBe(true);
      expect(description.endsWith('…')).toBe(true);
      expect(description.split(' ').length).toBeLessThan(40);
    });
  });
}
