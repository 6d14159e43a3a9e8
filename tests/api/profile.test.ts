import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, profileBody, signUp, type TestApp } from '../helpers/app.ts';

describe('candidate profile', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('starts empty, then saves and reads back with a version', async () => {
    const candidate = await signUp(t.app, 'candidate');
    const empty = await t.app.inject({ method: 'GET', url: '/api/me/profile', headers: candidate.auth });
    expect(empty.json()).toEqual({ profile: null });
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/me/profile',
      headers: candidate.auth,
      payload: profileBody(),
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().profile).toMatchObject({
      headline: 'Backend developer',
      version: 1,
      discoverable: true,
    });
    expect(saved.json().profile.skills).toEqual([
      { skill: { id: expect.any(String), name: expect.any(String) }, level: 4 },
      { skill: { id: expect.any(String), name: expect.any(String) }, years: 5 },
    ]);
    const read = await t.app.inject({ method: 'GET', url: '/api/me/profile', headers: candidate.auth });
    expect(read.json().profile).toEqual(saved.json().profile);
  });

  it('defaults discoverable to false and guards edits with the version', async () => {
    const candidate = await signUp(t.app, 'candidate');
    const minimal = await t.app.inject({
      method: 'PUT',
      url: '/api/me/profile',
      headers: candidate.auth,
      payload: { skills: [{ skill: 'Go', level: 3 }] },
    });
    expect(minimal.json().profile).toMatchObject({
      discoverable: false,
      version: 1,
      seniority: null,
      expectedSalary: null,
    });
    const ok = await t.app.inject({
      method: 'PUT',
      url: '/api/me/profile',
      headers: candidate.auth,
      payload: profileBody({ version: 1 }),
    });
    expect(ok.json().profile.version).toBe(2);
    const stale = await t.app.inject({
      method: 'PUT',
      url: '/api/me/profile',
      headers: candidate.auth,
      payload: profileBody({ version: 1, headline: 'lost' }),
    });
    expect(stale.statusCode).toBe(409);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me/profile', headers: candidate.auth })).json().profile
        .headline,
    ).toBe('Backend developer');
  });

  const invalid: [string, Record<string, unknown>][] = [
    ['level and years together', { skills: [{ skill: 'Go', level: 3, years: 2 }] }],
    ['level out of range', { skills: [{ skill: 'Go', level: 0 }] }],
    ['negative years', { yearsExperience: -1 }],
    ['unknown remote preference', { remote: 'mars' }],
    ['unknown field', { salaryHistory: [] }],
    ['currency without an exchange rate', { expectedSalary: { min: 1, currency: 'XYZ', period: 'year' } }],
    ['wrong type', { discoverable: 'yes' }],
    ['too many skills', { skills: Array.from({ length: 101 }, (_, i) => ({ skill: `s${i}`, level: 1 })) }],
  ];
  for (const [label, overrides] of invalid) {
    it(`refuses ${label} and keeps the stored profile`, async () => {
      const candidate = await signUp(t.app, 'candidate');
      await t.app.inject({
        method: 'PUT',
        url: '/api/me/profile',
        headers: candidate.auth,
        payload: profileBody(),
      });
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/me/profile',
        headers: candidate.auth,
        payload: profileBody(overrides),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect((await t.store.profiles.findByUserId(candidate.user.id))?.version).toBe(1);
    });
  }
});
