import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import { SearchQuerystring } from '../../server/schemas/search.ts';
import { Value } from 'typebox/value';
import { listingBody } from '../helpers/app.ts';
import { createTestServices, type TestServices } from '../helpers/services.ts';

/** Search's rules through its service: indexing a listing, and reading the filter table's parameters. */
describe('search service', () => {
  let t: TestServices;
  beforeEach(async () => {
    t = await createTestServices();
  });
  afterEach(async () => {
    await t.close();
  });

  const query = (params: Record<string, unknown>) =>
    Value.Default(SearchQuerystring, { ...params }) as Parameters<
      TestServices['services']['search']['searchListings']
    >[1];

  it('indexes what the store holds, and drops it from the index once deleted', async () => {
    const recruiter = await t.viewer('recruiter');
    const listing = await t.services.listings.create(recruiter, listingBody({ title: 'Kotlin Engineer' }));
    await t.services.search.indexListing({ listingId: listing.id, version: 1 });
    const found = await t.services.search.searchListings(null, query({ q: 'kotlin' }));
    expect(found.items.map((item) => item.listing.id)).toEqual([listing.id]);
    await t.services.listings.remove(recruiter, listing.id);
    expect(await t.services.search.indexListing({ listingId: listing.id, version: 2 })).toEqual({
      removed: true,
      indexedVersion: 2,
    });
    expect((await t.services.search.searchListings(null, query({ q: 'kotlin' }))).total).toBe(0);
  });

  it.each([
    ['seniority', { seniority: 'wizard' }],
    ['country', { country: 'Germany' }],
    ['remoteRegion', { remoteRegion: 'atlantis' }],
    ['currency', { salaryMin: 50_000, currency: 'XYZ' }],
  ])('refuses an unknown %s with the parameter named', async (param, params) => {
    const error = await t.services.search
      .searchListings(null, query(params))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details.map((detail) => detail.path)).toEqual([`querystring:/${param}`]);
  });

  it('refuses the best-match sort to anyone but a candidate', async () => {
    await expect(t.services.search.searchListings(null, query({ sort: 'match' }))).rejects.toThrow(
      'signed-in candidate',
    );
  });
});
