import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import { listingBody, profileBody } from '../helpers/app.ts';
import { createTestServices, type TestServices } from '../helpers/services.ts';

/** Matching's rules through its service: what the jobs write and what each side may read. */
describe('matching service', () => {
  let t: TestServices;
  beforeEach(async () => {
    t = await createTestServices();
  });
  afterEach(async () => {
    await t.close();
  });

  async function postAndMatch() {
    const recruiter = await t.viewer('recruiter');
    const candidate = await t.viewer('candidate');
    const profile = await t.services.profiles.save(
      candidate,
      profileBody({ discoverable: true }) as Parameters<typeof t.services.profiles.save>[1],
    );
    const listing = await t.services.listings.create(recruiter, listingBody());
    await t.services.matching.matchProfile({ profileId: profile.id, version: profile.version });
    await t.services.matching.matchListing({ listingId: listing.id, version: listing.version });
    return { recruiter, candidate, listing, profile };
  }

  it('ranks a discoverable candidate for the listing, explaining the gap on read', async () => {
    const { recruiter, listing, profile } = await postAndMatch();
    const page = await t.services.matching.candidatesFor(recruiter, listing.id, { page: 1, limit: 10 });
    expect(page.items.map((item) => item.profileId)).toEqual([profile.id]);
    const [first] = page.items;
    expect(first!.score).toBe(first!.summary.score);
    expect(first!.gap.matched.map((entry) => entry.skill.id)).toContain('go');
    // What the candidates list stores is only the order and the score.
    const stored = await t.store.matches.candidatesOf(listing.id, { page: 1, limit: 10 });
    expect(stored.items[0]).toMatchObject({ score: first!.score, summary: null });
  });

  it('recommends the listing to the candidate with their summary', async () => {
    const { candidate, listing } = await postAndMatch();
    const page = await t.services.matching.recommendationsFor(candidate, { page: 1, limit: 10 });
    expect(page.items.map((item) => item.listing.id)).toEqual([listing.id]);
    expect(page.items[0]!.summary.score).toBe(page.items[0]!.score);
  });

  it('shows candidates only to the listing’s company, and recommendations only to candidates', async () => {
    const { recruiter, listing } = await postAndMatch();
    const other = await t.viewer('recruiter');
    await expect(
      t.services.matching.candidatesFor(other, listing.id, { page: 1, limit: 10 }),
    ).rejects.toThrow(AppError);
    await expect(t.services.matching.recommendationsFor(recruiter, { page: 1, limit: 10 })).rejects.toThrow(
      AppError,
    );
  });

  it('drops a closed listing from both lists when its job runs', async () => {
    const { recruiter, candidate, listing } = await postAndMatch();
    const closed = await t.services.listings.setStatus(recruiter, listing.id, 'closed');
    await t.services.matching.matchListing({ listingId: listing.id, version: closed.version });
    expect((await t.store.matches.candidatesOf(listing.id, { page: 1, limit: 10 })).total).toBe(0);
    expect((await t.services.matching.recommendationsFor(candidate, { page: 1, limit: 10 })).items).toEqual(
      [],
    );
  });
});
