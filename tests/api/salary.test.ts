import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalaryBand } from '../../server/schemas/common.ts';
import { importFile } from '../../server/seed/importer.ts';
import { createTestApp, listingBody, postListing, signUp, type TestApp } from '../helpers/app.ts';

const today = () => new Date().toISOString().slice(0, 10);

async function band(t: TestApp, query: string) {
  const response = await t.app.inject({ method: 'GET', url: `/api/salary-bands?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { band: Static<typeof SalaryBand> | null; reason?: string };
}

/** Recomputes the bands now (the job the writes enqueued does the same) and waits past the read cache. */
async function recompute(t: TestApp) {
  await t.adapters.queue.whenIdle(20_000);
  await t.app.services.salary.recomputeBands();
  await new Promise((resolve) => setTimeout(resolve, 1_100));
}

describe('salary bands over postings alone', () => {
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
    await recompute(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('says there is no reliable band rather than show a handful of samples', async () => {
    const answer = await band(t, 'seniority=senior&country=DE');
    expect(answer.band).toBeNull();
    expect(answer.reason).toMatch(/^No reliable band: fewer than 30 samples for western-europe/);
    const { listing } = (await t.app.inject({ method: 'GET', url: `/api/listings/${listingId}` })).json();
    expect(listing.salaryBand).toBeNull();
    expect(listing.salaryBandReason).toMatch(/No reliable band/);
  });

  it('refuses unknown currencies and malformed segments with 400', async () => {
    for (const query of [
      'currency=XYZ',
      'currency=eur',
      'country=Germany',
      'seniority=guru',
      'remote=moon',
    ]) {
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/salary-bands?${query}` })).statusCode,
        query,
      ).toBe(400);
    }
  });
});

describe('salary bands over the 2024 reference and the board’s postings', () => {
  let t: TestApp;
  let dir: string;
  let recruiter: Awaited<ReturnType<typeof signUp>>;
  beforeAll(async () => {
    t = await createTestApp({}, undefined, { salaryReference: true });
    dir = mkdtempSync(join(tmpdir(), 'backboard-bands-'));
    recruiter = await signUp(t.app, 'recruiter');
    await recompute(t);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a US back-end median within 10 % of the 2024 data’s USD 170k, dated and carried to today', async () => {
    const { band: us } = await band(t, 'country=US&currency=USD');
    expect(Math.abs(us!.p50 - 170_000) / 170_000).toBeLessThan(0.1);
    expect(us).toMatchObject({
      currency: 'USD',
      segment: { country: 'US' },
      dropped: [],
      sources: ['survey'],
      dataFrom: '2024-05-31',
      dataTo: '2024-05-31',
      asOf: today(),
      carriedForward: { yearlyRate: 0.025 },
      exchange: null,
    });
    expect(us!.n).toBeGreaterThan(500);
    const medians = [];
    for (const seniority of ['junior', 'mid', 'senior', 'staff']) {
      medians.push((await band(t, `country=US&currency=USD&seniority=${seniority}`)).band!.p50);
    }
    expect(medians).toEqual([...medians].sort((a, b) => a - b));
  });

  it('says which asked-for segment it used and what it dropped', async () => {
    const { band: rust } = await band(t, 'country=US&skill=rust&seniority=senior');
    expect(rust!.requested).toEqual({ country: 'US', seniority: 'senior', skill: 'rust' });
    expect(rust!.segment).toMatchObject({ country: 'US', levels: ['senior'] });
    expect(rust!.dropped).toEqual([
      { dimension: 'skill', value: 'rust', reason: expect.stringMatching(/not languages/) },
    ]);
    const { band: spring } = await band(t, 'country=US&skill=Spring%20Boot');
    expect(spring!.segment).toEqual({ country: 'US', skill: 'spring-boot' });
    expect(spring!.dropped).toEqual([]);
  });

  it('lets postings with stated pay join the samples by their date, the editor preview showing the posting’s band', async () => {
    const before = (await band(t, 'country=DE&seniority=senior&currency=EUR')).band!;
    const body = listingBody({
      seniority: 'senior',
      remote: 'onsite',
      salary: { min: 140_000, max: 160_000, currency: 'EUR', period: 'year' },
    });
    // Six companies post two each, and six more arrive by import: twelve companies in all.
    let last = '';
    for (let company = 0; company < 6; company += 1) {
      const recruiterOfCompany = company === 0 ? recruiter : await signUp(t.app, 'recruiter');
      for (let index = 0; index < 2; index += 1)
        last = (await postListing(t.app, recruiterOfCompany, body)).id;
    }
    const file = join(dir, 'imported.jsonl');
    writeFileSync(
      file,
      Array.from({ length: 12 }, (_, index) =>
        JSON.stringify({ id: `ext-${index}`, company: `Imported ${index % 6} GmbH`, ...body }),
      ).join('\n') + '\n',
    );
    expect((await importFile(t.store, { kind: 'postings', file })).created).toBe(12);
    await recompute(t);

    const after = (await band(t, 'country=DE&seniority=senior&currency=EUR')).band!;
    // 24 postings of 12 companies: each company counts once in a segment.
    expect(after.samples.posting).toBe(12);
    expect(after.n).toBe(before.n + 12);
    expect(after.dataTo).toBe(today());
    expect(after.p50).toBeGreaterThan(before.p50);

    const { listing } = (await t.app.inject({ method: 'GET', url: `/api/listings/${last}` })).json();
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/salary-bands/preview',
      payload: {
        seniority: body.seniority,
        location: body.location,
        remote: body.remote,
        salary: body.salary,
        requiredSkills: body.requiredSkills,
      },
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({ band: listing.salaryBand, position: listing.salaryPosition });
    expect(listing.salaryBand.requested).toEqual({
      seniority: 'senior',
      country: 'DE',
      remote: 'onsite',
      skill: 'go',
    });
    expect(listing.salaryBand.samples.posting).toBe(12);
  });

  it('barely moves when one recruiter posts fifteen absurd salaries and a handful of companies one each', async () => {
    const query = 'country=NZ&seniority=junior&currency=NZD';
    const before = (await band(t, query)).band!;
    const absurd = listingBody({
      seniority: 'junior',
      location: { country: 'NZ', city: 'Auckland' },
      remote: 'onsite',
      salary: { min: 1_600_000, max: 1_700_000, currency: 'NZD', period: 'year' },
    });
    const attacker = await signUp(t.app, 'recruiter');
    for (let index = 0; index < 15; index += 1) await postListing(t.app, attacker, absurd);
    for (let company = 0; company < 4; company += 1) {
      await postListing(t.app, await signUp(t.app, 'recruiter'), absurd);
    }
    await recompute(t);

    const after = (await band(t, query)).band!;
    expect(after.segment).toEqual(before.segment);
    for (const at of ['p25', 'p50', 'p75'] as const) {
      expect(Math.abs(after[at] / before[at] - 1), at).toBeLessThan(0.01);
    }
    expect(after.trimmed - before.trimmed).toBe(19);
    expect(after.n).toBe(before.n);
  });
});
