import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestApp,
  postListing,
  profileBody,
  signUp,
  type Session,
  type TestApp,
} from '../helpers/app.ts';

const goProfile = (overrides: Record<string, unknown> = {}) =>
  profileBody({
    headline: 'Go backend developer',
    yearsExperience: 7,
    remote: 'hybrid',
    expectedSalary: { min: 80_000, currency: 'EUR', period: 'year' },
    skills: [
      { skill: 'golang', level: 4 },
      { skill: 'MySQL', level: 4 },
    ],
    ...overrides,
  });

describe('matching through the API and the processors', () => {
  let t: TestApp;
  let recruiter: Session;
  beforeEach(async () => {
    t = await createTestApp();
    recruiter = await signUp(t.app, 'recruiter');
  });
  afterEach(async () => {
    await t.close();
  });

  async function candidateWith(profile: Record<string, unknown>) {
    const candidate = await signUp(t.app, 'candidate', { name: 'Dana Developer' });
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/me/profile',
      headers: candidate.auth,
      payload: profile,
    });
    expect(saved.statusCode).toBe(200);
    return candidate;
  }

  it('explains a candidate’s match for one listing: terms, credits and the gap with the related skill they have', async () => {
    const listing = await postListing(t.app, recruiter);
    const candidate = await candidateWith(goProfile());
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/listings/${listing.id}/match`,
      headers: candidate.auth,
    });
    expect(response.statusCode).toBe(200);
    const { match, gap, summary } = response.json();
    expect(match.scored).toBe(true);
    expect(match.score).toBeGreaterThan(0);
    expect(match.score).toBeLessThanOrEqual(100);
    expect(match.terms.map((term: { key: string }) => term.key)).toEqual(
      expect.arrayContaining(['required-skills', 'seniority', 'location', 'salary']),
    );
    const go = match.skills.find((credit: { skill: { name: string } }) => credit.skill.name === 'Go');
    expect(go).toMatchObject({ match: 'exact', credit: 1 });
    const postgres = gap.partial.find(
      (entry: { skill: { name: string } }) => entry.skill.name === 'PostgreSQL',
    );
    expect(postgres).toMatchObject({ match: 'related', via: { name: 'MySQL' } });
    expect(summary.requiredCount).toBe(2);
  });

  it('gives no score to an empty profile, with a reason', async () => {
    const listing = await postListing(t.app, recruiter);
    const candidate = await signUp(t.app, 'candidate');
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/listings/${listing.id}/match`,
      headers: candidate.auth,
    });
    expect(response.json()).toMatchObject({
      match: { scored: false, reason: expect.stringMatching(/skills/) },
      gap: null,
    });
  });

  it('lists discoverable candidates for the owning recruiter only, without contact details or salary', async () => {
    const visible = await candidateWith(goProfile());
    await candidateWith(goProfile({ discoverable: false, headline: 'Hidden' }));
    const listing = await postListing(t.app, recruiter);
    await t.adapters.queue.whenIdle();
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/listings/${listing.id}/candidates`,
      headers: recruiter.auth,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ total: 1, pending: false });
    expect(body.items[0]).toMatchObject({ name: 'Dana Developer', headline: 'Go backend developer' });
    expect(body.items[0].gap.missingRequired).toEqual(expect.any(Array));
    const raw = JSON.stringify(body);
    expect(raw).not.toContain(visible.user.email);
    expect(raw).not.toContain('expectedSalary');
    expect(raw).not.toContain('80000');
    const other = await signUp(t.app, 'recruiter', { company: 'Other Co' });
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/listings/${listing.id}/candidates`,
          headers: other.auth,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/listings/${listing.id}/candidates`,
          headers: visible.auth,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('never lets a recruiter read a candidate’s expected salary through the score', async () => {
    await candidateWith(goProfile({ expectedSalary: { min: 123_456, currency: 'USD', period: 'year' } }));
    const listing = await postListing(t.app, recruiter);
    const scores = [];
    for (const max of [200_000, 130_000, 100_000]) {
      await t.app.inject({
        method: 'PATCH',
        url: `/api/listings/${listing.id}`,
        headers: recruiter.auth,
        payload: { salary: { min: 50_000, max, currency: 'USD', period: 'year' } },
      });
      await t.adapters.queue.whenIdle();
      const body = (
        await t.app.inject({
          method: 'GET',
          url: `/api/listings/${listing.id}/candidates`,
          headers: recruiter.auth,
        })
      ).json();
      const stored = await t.store.matches.candidatesOf(listing.id, { page: 1, limit: 10 });
      scores.push([body.items[0].score, stored.items[0]!.score]);
    }
    expect(new Set(scores.map((pair) => pair.join('/'))).size).toBe(1);
  });

  it('hides a candidate from recruiters as soon as they stop being discoverable', async () => {
    const candidate = await candidateWith(goProfile());
    const listing = await postListing(t.app, recruiter);
    await t.adapters.queue.whenIdle();
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/profile',
      headers: candidate.auth,
      payload: goProfile({ discoverable: false }),
    });
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/listings/${listing.id}/candidates`,
      headers: recruiter.auth,
    });
    expect(response.json().total).toBe(0);
  });

  it('recommends open listings to a candidate, best first, and drops a listing once closed', async () => {
    const candidate = await candidateWith(goProfile());
    const good = await postListing(t.app, recruiter, { title: 'Go Engineer' });
    const poor = await postListing(t.app, recruiter, {
      title: 'Java Engineer',
      requiredSkills: [
        { skill: 'Java', level: 4, weight: 3 },
        { skill: 'Spring Boot', level: 3, weight: 2 },
      ],
    });
    await t.adapters.queue.whenIdle();
    const recs = await t.app.inject({
      method: 'GET',
      url: '/api/me/recommendations',
      headers: candidate.auth,
    });
    expect(recs.statusCode).toBe(200);
    const titles = recs.json().items.map((item: { listing: { title: string } }) => item.listing.title);
    expect(titles[0]).toBe('Go Engineer');
    expect(recs.json().items[0].summary.topMissing).toEqual(expect.any(Array));
    await t.app.inject({ method: 'POST', url: `/api/listings/${good.id}/close`, headers: recruiter.auth });
    await t.adapters.queue.whenIdle();
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/me/recommendations',
      headers: candidate.auth,
    });
    expect(after.json().items.map((item: { listing: { id: string } }) => item.listing.id)).not.toContain(
      good.id,
    );
    expect(poor.id).toEqual(expect.any(String));
  });

  it('tells a candidate without skills why there are no recommendations', async () => {
    const candidate = await signUp(t.app, 'candidate');
    const recs = await t.app.inject({
      method: 'GET',
      url: '/api/me/recommendations',
      headers: candidate.auth,
    });
    expect(recs.json()).toMatchObject({ items: [], reason: expect.stringMatching(/skills/) });
  });
});
