import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, postListing, signUp, type Session, type TestApp } from '../helpers/app.ts';

describe('GET /api/listings/search', () => {
  let t: TestApp;
  let recruiter: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    recruiter = await signUp(t.app, 'recruiter');
    ids.go = (await postListing(t.app, recruiter, { title: 'Senior Go Engineer', remote: 'remote' })).id;
    ids.java = (
      await postListing(t.app, recruiter, {
        title: 'Java Platform Engineer',
        description: 'Run our JVM services on Kubernetes.',
        seniority: 'mid',
        location: { country: 'FR', city: 'Paris' },
        requiredSkills: [
          { skill: 'Java', level: 3, weight: 2 },
          { skill: 'Kubernetes', level: 3, weight: 1 },
        ],
        salary: { min: 50_000, max: 60_000, currency: 'EUR', period: 'year' },
      })
    ).id;
    ids.closed = (await postListing(t.app, recruiter, { title: 'Closed Go Role' })).id;
    await t.app.inject({ method: 'POST', url: `/api/listings/${ids.closed}/close`, headers: recruiter.auth });
    await t.adapters.queue.whenIdle();
  });
  afterAll(async () => {
    await t.close();
  });

  const search = (query: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/listings/search?${query}`, headers });

  it('finds open listings by text with typos and aliases, never closed ones', async () => {
    const golang = await search('q=golang');
    expect(golang.statusCode).toBe(200);
    expect(golang.json().items.map((item: { listing: { id: string } }) => item.listing.id)).toEqual([ids.go]);
    const typo = await search('q=kubernets');
    expect(typo.json().items.map((item: { listing: { id: string } }) => item.listing.id)).toContain(ids.java);
    const all = await search('');
    expect(all.json().total).toBe(2);
    expect(JSON.stringify(all.json())).not.toContain(ids.closed);
  });

  it('carries a plain-text summary per hit instead of the description', async () => {
    const long = `**Payments** team. ${'We build ledgers and settlement services in Kotlin. '.repeat(20)}`;
    const id = (await postListing(t.app, recruiter, { title: 'Ledger Engineer', description: long })).id;
    await t.adapters.queue.whenIdle();
    const hit = (await search('q=ledger'))
      .json()
      .items.find((item: { listing: { id: string } }) => item.listing.id === id);
    expect(hit.listing).not.toHaveProperty('description');
    expect(hit.listing.summary.startsWith('Payments team. We build ledgers')).toBe(true);
    expect(hit.listing.summary.length).toBeLessThanOrEqual(280);
    expect(hit.listing.summary.endsWith('…')).toBe(true);
    const java = (await search('q=jvm')).json().items[0];
    expect(java.listing.summary).toBe('Run our JVM services on Kubernetes.');
    const full = await t.app.inject({ method: 'GET', url: `/api/listings/${id}` });
    expect(full.json().listing.description).toBe(long);
    // Leave the board as the other cases count it.
    await t.app.inject({ method: 'POST', url: `/api/listings/${id}/close`, headers: recruiter.auth });
    await t.adapters.queue.whenIdle();
  });

  it('filters and counts facets', async () => {
    const remote = await search('remote=remote');
    expect(remote.json().items.map((item: { listing: { id: string } }) => item.listing.id)).toEqual([ids.go]);
    const facets = (await search('')).json().facets;
    expect(facets.country).toEqual({ DE: 1, FR: 1 });
    expect(facets.seniority).toEqual({ senior: 1, mid: 1 });
    const bySkill = await search('skills=k8s');
    expect(bySkill.json().items.map((item: { listing: { id: string } }) => item.listing.id)).toEqual(
      expect.arrayContaining([ids.go, ids.java]),
    );
    const rich = await search('salaryMin=85000&currency=EUR');
    expect(rich.json().items.map((item: { listing: { id: string } }) => item.listing.id)).toEqual([ids.go]);
  });

  it('adds match scores for a signed-in candidate and sorts by best match', async () => {
    const candidate = await signUp(t.app, 'candidate');
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/profile',
      headers: candidate.auth,
      payload: {
        skills: [
          { skill: 'Java', level: 4 },
          { skill: 'Kubernetes', level: 3 },
        ],
        seniority: 'mid',
      },
    });
    const response = await search('sort=match', candidate.auth);
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items[0].listing.id).toBe(ids.java);
    expect(items[0].match.score).toBeGreaterThan(items[1].match.score);
    const anonymous = await search('');
    expect(anonymous.json().items[0].match).toBeNull();
    expect((await search('sort=match')).statusCode).toBe(400);
  });

  it('answers bad parameters with a clear 400', async () => {
    for (const query of [
      'q=' + 'x'.repeat(600),
      'limit=500',
      'sort=random',
      'page=0',
      'salaryMin=-5',
      'postedSince=yesterday',
      'colour=red',
    ]) {
      const response = await search(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
  });
});

describe('skills routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('autocompletes from names and aliases', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/skills?q=postg' });
    expect(response.json().items[0]).toMatchObject({ name: 'PostgreSQL' });
    const alias = await t.app.inject({ method: 'GET', url: '/api/skills?q=k8s' });
    expect(alias.json().items[0]).toMatchObject({ name: 'Kubernetes', exact: true });
  });

  it('forgives misspellings and says when the query names a skill exactly', async () => {
    const typo = await t.app.inject({ method: 'GET', url: '/api/skills?q=kubernates' });
    expect(typo.json().items[0]).toEqual({ id: 'kubernetes', name: 'Kubernetes' });
    const compact = await t.app.inject({ method: 'GET', url: '/api/skills?q=vue3' });
    expect(compact.json().items[0]).toEqual({ id: 'vue', name: 'Vue.js', exact: true });
  });

  it('extracts every mention with offsets', async () => {
    const text = 'We use C# and .NET, plus Node.js; you will go far.';
    const response = await t.app.inject({ method: 'POST', url: '/api/skills/extract', payload: { text } });
    const items = response.json().items as {
      skill: { name: string };
      start: number;
      end: number;
      text: string;
      kind: string;
    }[];
    expect(items.find((item) => item.skill.name === 'C#')?.kind).toBe('technology');
    expect(items.map((item) => item.skill.name)).toEqual(expect.arrayContaining(['C#', '.NET', 'Node.js']));
    expect(items.map((item) => item.skill.name)).not.toContain('Go');
    for (const item of items) expect(text.slice(item.start, item.end)).toBe(item.text);
  });
});
