import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, postListing, signUp, type TestApp } from '../helpers/app.ts';

describe('salary bands', () => {
  let t: TestApp;
  let listingId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const recruiter = await signUp(t.app, 'recruiter');
    for (const [min, max] of [
      [50_000, 60_000],
      [60_000, 70_000],
      [80_000, 100_000],
    ] as const) {
      listingId = (
        await postListing(t.app, recruiter, { salary: { min, max, currency: 'EUR', period: 'year' } })
      ).id;
    }
    await t.adapters.queue.whenIdle(20_000);
    // The API caches the band table for a second; wait until it serves the recomputed one.
    for (let attempt = 0; attempt < 50; attempt++) {
      const band = (await t.app.inject({ method: 'GET', url: '/api/salary-bands?country=DE' })).json().band;
      if (band?.n >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a band for a segment in the requested currency, saying when it fell back to a wider one', async () => {
    const eur = await t.app.inject({
      method: 'GET',
      url: '/api/salary-bands?seniority=senior&country=DE&skill=golang',
    });
    expect(eur.statusCode).toBe(200);
    const band = eur.json().band;
    expect(band.currency).toBe('EUR');
    expect(band.p25).toBeLessThanOrEqual(band.p50);
    expect(band.p50).toBeLessThanOrEqual(band.p75);
    expect(band.n).toBeGreaterThanOrEqual(3);
    expect(band.sources).toContain('posting');
    expect(band.fellBack).toBe(band.n < 30);
    const usd = await t.app.inject({
      method: 'GET',
      url: '/api/salary-bands?seniority=senior&country=DE&skill=golang&currency=USD',
    });
    expect(usd.json().band.p50).toBeGreaterThan(band.p50);
  });

  it('shows the band and the posting’s position in it on the listing', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/listings/${listingId}` });
    const { salaryBand, salaryPosition } = response.json().listing;
    expect(salaryBand).toMatchObject({ currency: 'EUR' });
    expect(salaryPosition.position).toBe('above');
  });

  it('refuses unknown currencies and malformed segments with 400', async () => {
    for (const query of ['currency=XYZ', 'currency=eur', 'country=Germany', 'seniority=guru']) {
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/salary-bands?${query}` })).statusCode,
        query,
      ).toBe(400);
    }
  });
});
