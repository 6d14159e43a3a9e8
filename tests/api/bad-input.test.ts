import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, jsonDepth } from '../../server/plugins/json-body.ts';
import {
  createTestApp,
  listingBody,
  postListing,
  profileBody,
  signUp,
  type Session,
  type TestApp,
} from '../helpers/app.ts';

/**
 * A corpus of bad input against every write route: each leaf of a valid body replaced by hostile or
 * absurd values, bodies nested thousands of levels deep. Every one must answer 4xx in the error shape
 * and leave what is stored as it was.
 */

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Strings no field people type may hold (passwords aside: any character may be in one). */
const BAD_STRINGS = [
  'nul\u0000byte',
  'bell\u0007',
  'right-to-left \u202Eoverride',
  'isolate \u2066x\u2069',
  'lone \ud800 surrogate',
  'x'.repeat(100_001),
];
const BAD_NUMBERS = [-1, 1e12, Number.MAX_SAFE_INTEGER];

/** Every leaf of a value with its path, for replacing one at a time. */
function leaves(value: Json, path: (string | number)[] = []): { path: (string | number)[]; value: Json }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => leaves(item, [...path, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]));
  }
  return [{ path, value }];
}

function replaced(value: Json, path: (string | number)[], by: Json): Json {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, Json>;
  copy[head as string] = replaced(copy[head as string] as Json, rest, by);
  return copy as Json;
}

/** Bodies built from `valid`: each string leaf by each bad string, each number leaf by each bad number. */
function corpusOf(valid: Json): Json[] {
  const bodies: Json[] = [];
  for (const leaf of leaves(valid)) {
    if (leaf.path.at(-1) === 'password') continue;
    const substitutes =
      typeof leaf.value === 'string' ? BAD_STRINGS : typeof leaf.value === 'number' ? BAD_NUMBERS : [];
    for (const bad of substitutes) bodies.push(replaced(valid, leaf.path, bad));
  }
  return bodies;
}

function nested(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

describe('bad input on every write route', () => {
  let t: TestApp;
  let recruiter: Session;
  let candidate: Session;
  let listingId: string;
  let applicationId: string;
  let profileId: string;

  beforeAll(async () => {
    t = await createTestApp();
    recruiter = await signUp(t.app, 'recruiter');
    candidate = await signUp(t.app, 'candidate');
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/me/profile',
      headers: candidate.auth,
      payload: profileBody({ discoverable: true }),
    });
    profileId = saved.json().profile.id;
    listingId = (await postListing(t.app, recruiter)).id;
    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/listings/${listingId}/applications`,
      headers: candidate.auth,
      payload: { note: 'Hello' },
    });
    applicationId = applied.json().application.id;
  });
  afterAll(async () => {
    await t.close();
  });

  /** What a bad request must not change. */
  async function stored() {
    const listing = await t.store.listings.findById(listingId);
    const profile = await t.store.profiles.findById(profileId);
    const application = await t.store.applications.findById(applicationId);
    return {
      listings: await t.store.listings.count(),
      listingVersion: listing?.version,
      profileVersion: profile?.version,
      applicationVersion: application?.version,
      users: (await t.store.users.findManyByIds([recruiter.user.id, candidate.user.id])).length,
    };
  }

  const routes = () => [
    {
      name: 'POST /api/auth/signup',
      method: 'POST' as const,
      url: '/api/auth/signup',
      session: null,
      valid: {
        email: 'new.person@example.com',
        password: 'a long passphrase here',
        name: 'New Person',
        role: 'candidate',
      },
    },
    {
      name: 'POST /api/listings',
      method: 'POST' as const,
      url: '/api/listings',
      session: recruiter,
      valid: listingBody() as unknown as Json,
    },
    {
      name: 'PATCH /api/listings/:id',
      method: 'PATCH' as const,
      url: `/api/listings/${listingId}`,
      session: recruiter,
      valid: listingBody() as unknown as Json,
    },
    {
      name: 'PUT /api/me/profile',
      method: 'PUT' as const,
      url: '/api/me/profile',
      session: candidate,
      valid: profileBody() as unknown as Json,
    },
    {
      name: 'PATCH /api/applications/:id',
      method: 'PATCH' as const,
      url: `/api/applications/${applicationId}`,
      session: recruiter,
      valid: { stage: 'in-review', note: 'Looks good' } as Json,
    },
    {
      name: 'POST /api/listings/:id/invitations',
      method: 'POST' as const,
      url: `/api/listings/${listingId}/invitations`,
      session: recruiter,
      valid: { profileId: 'some-profile', message: 'Join us' } as Json,
    },
  ];

  it('answers 4xx to every hostile or absurd field value, and changes nothing', async () => {
    const before = await stored();
    let sent = 0;
    for (const route of routes()) {
      for (const body of corpusOf(route.valid)) {
        const response = await t.app.inject({
          method: route.method,
          url: route.url,
          headers: route.session ? route.session.auth : {},
          payload: body as Record<string, unknown>,
        });
        sent += 1;
        expect(
          response.statusCode,
          `${route.name} ${JSON.stringify(body).slice(0, 200)}`,
        ).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, `${route.name}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
        expect(response.json().error.code).toEqual(expect.any(String));
      }
    }
    expect(sent).toBeGreaterThanOrEqual(300);
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['an unassigned country', { location: { country: 'ZZ', city: '' } }, '/location/country'],
    [
      'a hundred million dollars an hour',
      { salary: { min: 1, max: 1e8, currency: 'USD', period: 'hour' } },
      '/salary/max',
    ],
    ['a title of control characters', { title: '\u0001\u0002\u0003' }, '/title'],
  ])('refuses a listing with %s, naming the field', async (_name, overrides, path) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/listings',
      headers: recruiter.auth,
      payload: listingBody(overrides),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('answers 400 to JSON nested 10,000 levels deep on every JSON route, log-in and skill extraction included', async () => {
    const deep = nested(10_000);
    expect(jsonDepth(deep)).toBeGreaterThan(MAX_JSON_DEPTH);
    const before = await stored();
    for (const [method, url, session] of [
      ['POST', '/api/auth/login', null],
      ['POST', '/api/auth/signup', null],
      ['POST', '/api/skills/extract', null],
      ['POST', '/api/listings', recruiter],
      ['PUT', '/api/me/profile', candidate],
      ['PATCH', `/api/applications/${applicationId}`, recruiter],
    ] as const) {
      const response = await t.app.inject({
        method,
        url,
        headers: { 'content-type': 'application/json', ...(session ? session.auth : {}) },
        payload: deep,
      });
      expect(response.statusCode, `${method} ${url}`).toBe(400);
      expect(response.json().error.details[0].message).toMatch(/nest/);
    }
    expect(await stored()).toEqual(before);
  });

  it('still reads bodies that nest within the limit, brackets inside strings not counting', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/skills/extract',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: `Go and Postgres ${'[{'.repeat(500)}` }),
    });
    expect(response.statusCode).toBe(200);
  });
});
