import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listingData, newListing } from '../helpers/factories.ts';
import { createTestServices, type TestServices } from '../helpers/services.ts';

/** Which postings become salary samples, and when the bands are recomputed (no HTTP). */
describe('salary service', () => {
  let t: TestServices;
  beforeEach(async () => {
    t = await createTestServices();
  });
  afterEach(async () => {
    await t.close();
  });

  let companies = 0;
  /** `count` postings, each of its own company unless `company` names one for all. */
  async function postings(
    count: number,
    overrides: Parameters<typeof listingData>[0] = {},
    company?: string,
  ) {
    const created = [];
    for (let index = 0; index < count; index += 1) {
      const { id, name } = await t.store.companies.findOrCreate(company ?? `Initech ${(companies += 1)}`);
      const owner = { ownerId: 'owner-1', companyId: id, company: name };
      created.push(await t.store.listings.create(newListing(owner, listingData(overrides))));
    }
    return created;
  }

  it('counts every posting that states its pay, closed ones too, but never estimated ranges', async () => {
    await postings(30);
    for (const listing of await postings(10)) await t.store.listings.update(listing.id, { status: 'closed' });
    await postings(5, {
      salary: { min: 1_000, max: 2_000, currency: 'EUR', period: 'year', estimated: true },
    });
    expect(await t.services.salary.bandFor({ country: 'DE' })).toBeNull();

    const outcome = await t.services.salary.recomputeBands();
    expect(outcome).toMatchObject({ samples: 40, postings: 40, asOf: new Date().toISOString().slice(0, 10) });
    const answer = await t.services.salary.bandFor({ country: 'DE', seniority: 'senior' });
    expect(answer?.band).toMatchObject({ n: 40, samples: { posting: 40 }, currency: 'EUR', p50: 80_000 });
  });

  it('counts the postings of one company once in each segment', async () => {
    await postings(30);
    await postings(20, { salary: { min: 110_000, max: 130_000, currency: 'EUR', period: 'year' } }, 'Hooli');
    const outcome = await t.services.salary.recomputeBands();
    expect(outcome).toMatchObject({ samples: 50, postings: 50 });
    const answer = await t.services.salary.bandFor({ country: 'DE', seniority: 'senior' });
    expect(answer?.band).toMatchObject({ n: 31, samples: { posting: 31 }, trimmed: 0 });
    // One company among 31: its twenty postings weigh as one, and the median stays at the market's.
    expect(answer?.band?.p50).toBe(80_000);
  });

  it('recomputes the bands when the reconcile sweep finds listings written without their jobs (an import)', async () => {
    await postings(2);
    await t.services.reconcile.sweep();
    const counts = await t.queue.counts();
    expect(counts['salary-bands'].waiting + counts['salary-bands'].delayed).toBe(1);
  });

  it('previews the band of a listing being written with the query of the saved listing', async () => {
    const [saved] = await postings(35);
    await t.services.salary.recomputeBands();
    const preview = await t.services.salary.previewBand({
      seniority: 'senior',
      location: { country: 'DE' },
      remote: 'hybrid',
      salary: { min: 70_000, max: 90_000, currency: 'EUR', period: 'year' },
      requiredSkills: [
        { skill: 'golang', level: 4, weight: 3 },
        { skill: 'Postgres', level: 3, weight: 2 },
      ],
    });
    expect(preview).toEqual(await t.services.salary.bandForListing(saved!));
    expect(preview?.band?.requested).toEqual({
      seniority: 'senior',
      country: 'DE',
      remote: 'hybrid',
      skill: 'go',
    });
  });
});
