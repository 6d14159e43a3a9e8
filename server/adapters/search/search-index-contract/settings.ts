import { describe, expect, it } from 'vitest';
import { listingDoc } from './fixtures.ts';
import type { SearchIndexCase } from './handle.ts';

export function describeSettings(indexCase: SearchIndexCase): void {
  const { index, find } = indexCase;
  describe('settings', () => {
    it('say once that a new index needs every document', async () => {
      expect(indexCase.firstSettings).toEqual({ rebuildNeeded: true });
      expect(await index.applySettings()).toEqual({ rebuildNeeded: false });
    });

    it('keep the documents when applied again', async () => {
      await index.upsert([listingDoc({ id: 'kept', title: 'Rust Engineer' })]);
      await index.applySettings();
      expect(await index.stats()).toEqual({ documents: 1 });
      expect(await find('rust')).toEqual(['kept']);
    });
  });
}
