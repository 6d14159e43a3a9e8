import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, listingBody, postListing, signUp, type TestApp } from '../helpers/app.ts';

describe('listings', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates a listing with canonical skills, company and version, readable by anyone while open', async () => {
    const recruiter = await signUp(t.app, 'recruiter');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/listings',
      headers: recruiter.auth,
      payload: listingBody({
        requiredSkills: [
          { skill: 'Go', level: 4, weight: 3 },
          { skill: 'go', level: 2 },
        ],
      }),
    });
    expect(response.statusCode).toBe(201);
    const { listing } = response.json();
    expect(listing).toMatchObject({
      status: 'open',
      version: 1,
      company: recruiter.user.company?.name,
      companyId: recruiter.user.company?.id,
      salary: { min: 70_000, max: 90_000, currency: 'EUR', period: 'year', estimated: false },
    });
    expect(listing.requiredSkills).toHaveLength(1);
    expect(listing.requiredSkills[0]).toMatchObject({
      level: 4,
      weight: 3,
      skill: { name: expect.any(String), id: expect.any(String) },
    });
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/listings/${listing.id}` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json().listing.title).toBe(listing.title);
  });

  it('edits with optimistic concurrency: a stale version gets 409 and changes nothing', async () => {
    const recruiter = await signUp(t.app, 'recruiter');
    const listing = await postListing(t.app, recruiter);
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/listings/${listing.id}`,
      headers: recruiter.auth,
      payload: { title: 'Principal Go Engineer', version: 1 },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().listing).toMatchObject({ title: 'Principal Go Engineer', version: 2 });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/listings/${listing.id}`,
      headers: recruiter.auth,
      payload: { title: 'Lost', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version_conflict');
    expect((await t.store.listings.findById(listing.id))?.title).toBe('Principal Go Engineer');
  });

  it('closes and reopens; a closed listing is hidden from everyone but its company', async () => {
    const recruiter = await signUp(t.app, 'recruiter');
    const otherRecruiter = await signUp(t.app, 'recruiter');
    const candidate = await signUp(t.app, 'candidate');
    const listing = await postListing(t.app, recruiter);
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/listings/${listing.id}/close`,
      headers: recruiter.auth,
    });
    expect(closed.json().listing).toMatchObject({ status: 'closed', version: 2 });
    expect((await t.app.inject({ method: 'GET', url: `/api/listings/${listing.id}` })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/listings/${listing.id}`, headers: candidate.auth }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/listings/${listing.id}`,
          headers: otherRecruiter.auth,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/listings/${listing.id}`, headers: recruiter.auth }))
        .statusCode,
    ).toBe(200);
    const reopened = await t.app.inject({
      method: 'POST',
      url: `/api/listings/${listing.id}/reopen`,
      headers: recruiter.auth,
    });
    expect(reopened.json().listing).toMatchObject({ status: 'open', version: 3 });
  });

  it('deletes: the listing is gone for everyone', async () => {
    const recruiter = await signUp(t.app, 'recruiter');
    const listing = await postListing(t.app, recruiter);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/listings/${listing.id}`, headers: recruiter.auth }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/listings/${listing.id}`, headers: recruiter.auth }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/listings/${listing.id}`, headers: recruiter.auth }))
        .statusCode,
    ).toBe(404);
  });

  it('lists the company’s own listings, newest first, paginated', async () => {
    const recruiter = await signUp(t.app, 'recruiter', { company: 'Initech' });
    const other = await signUp(t.app, 'recruiter', { company: 'Hooli' });
    for (let i = 0; i < 3; i++) await postListing(t.app, recruiter, { title: `Initech role ${i}` });
    await postListing(t.app, other, { title: 'Hooli role' });
    const page1 = await t.app.inject({
      method: 'GET',
      url: '/api/listings?mine=true&page=1&limit=2',
      headers: recruiter.auth,
    });
    expect(page1.statusCode).toBe(200);
    expect(page1.json()).toMatchObject({ total: 3, page: 1, limit: 2 });
    expect(page1.json().items).toHaveLength(2);
    const page2 = await t.app.inject({
      method: 'GET',
      url: '/api/listings?mine=true&page=2&limit=2',
      headers: recruiter.auth,
    });
    expect(page2.json().items.map((l: { title: string }) => l.title)).toEqual(['Initech role 0']);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/listings?mine=true&limit=1000',
      headers: recruiter.auth,
    });
    expect(bad.statusCode).toBe(400);
  });

  describe('validation: bad bodies get 400 and store nothing', () => {
    const cases: [string, Record<string, unknown>][] = [
      ['inverted salary range', { salary: { min: 90_000, max: 70_000, currency: 'EUR', period: 'year' } }],
      ['negative salary', { salary: { min: -1, max: 70_000, currency: 'EUR', period: 'year' } }],
      ['unknown currency shape', { salary: { min: 1, max: 2, currency: 'euro', period: 'year' } }],
      ['unknown period', { salary: { min: 1, max: 2, currency: 'EUR', period: 'week' } }],
      ['currency without an exchange rate', { salary: { min: 1, max: 2, currency: 'XYZ', period: 'year' } }],
      ['unknown seniority', { seniority: 'wizard' }],
      ['unknown remote policy', { remote: 'sometimes' }],
      ['lower-case country', { location: { country: 'de', city: 'Berlin' } }],
      ['skill level out of range', { requiredSkills: [{ skill: 'Go', level: 6, weight: 1 }] }],
      ['zero weight', { requiredSkills: [{ skill: 'Go', level: 3, weight: 0 }] }],
      ['wrong type', { title: 42 }],
      ['string number', { salary: { min: '1', max: 2, currency: 'EUR', period: 'year' } }],
      ['unknown field', { featured: true }],
      ['unknown nested field', { location: { country: 'DE', city: 'Berlin', lat: 1 } }],
      ['oversize description', { description: 'x'.repeat(20_001) }],
      [
        'too many skills',
        { requiredSkills: Array.from({ length: 41 }, (_, i) => ({ skill: `s${i}`, level: 1, weight: 1 })) },
      ],
      ['missing title', { title: undefined }],
    ];
    for (const [label, overrides] of cases) {
      it(label, async () => {
        const recruiter = await signUp(t.app, 'recruiter');
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/listings',
          headers: recruiter.auth,
          payload: listingBody(overrides),
        });
        expect(response.statusCode).toBe(400);
        expect(response.json().error).toMatchObject({
          code: 'validation_failed',
          details: expect.any(Array),
        });
        expect(response.json().error.details.length).toBeGreaterThan(0);
        expect(await t.store.listings.count()).toBe(0);
      });
    }

    it('refuses an edit that would invert the salary range and keeps the listing as it was', async () => {
      const recruiter = await signUp(t.app, 'recruiter');
      const listing = await postListing(t.app, recruiter);
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/listings/${listing.id}`,
        headers: recruiter.auth,
        payload: { salary: { min: 10, max: 5, currency: 'EUR', period: 'year' } },
      });
      expect(response.statusCode).toBe(400);
      expect((await t.store.listings.findById(listing.id))?.version).toBe(1);
      const empty = await t.app.inject({
        method: 'PATCH',
        url: `/api/listings/${listing.id}`,
        headers: recruiter.auth,
        payload: {},
      });
      expect(empty.statusCode).toBe(400);
    });

    it('refuses a body over the size limit with 413', async () => {
      const recruiter = await signUp(t.app, 'recruiter');
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/listings',
        headers: recruiter.auth,
        payload: listingBody({ description: 'x'.repeat(300 * 1024) }),
      });
      expect(response.statusCode).toBe(413);
      expect(response.json().error.code).toBe('payload_too_large');
    });

    it('answers 400 for a malformed id and 404 for an unknown one', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/listings/bad%20id' })).statusCode).toBe(400);
      expect((await t.app.inject({ method: 'GET', url: '/api/listings/unknown-id' })).statusCode).toBe(404);
    });
  });
});
