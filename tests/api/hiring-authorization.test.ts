import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  postListing,
  profileBody,
  signUp,
  type Session,
  type TestApp,
} from '../helpers/app.ts';

type Actor = 'anonymous' | 'applicant' | 'otherCandidate' | 'owner' | 'otherRecruiter' | 'admin';
const ACTORS: Actor[] = ['anonymous', 'applicant', 'otherCandidate', 'owner', 'otherRecruiter', 'admin'];

interface Fixture {
  /** An open listing of the owner's company, new for this case. */
  listing: string;
  /** The applicant's application to it. */
  application: string;
  /** The other candidate's profile (discoverable). */
  profile: string;
}

interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: (fixture: Fixture) => string;
  payload?: (fixture: Fixture) => Record<string, unknown>;
  expect: Record<Actor, number>;
}

const CANDIDATES_ONLY = (ok: number) =>
  ({
    anonymous: 401,
    applicant: ok,
    otherCandidate: ok,
    owner: 403,
    otherRecruiter: 403,
    admin: 403,
  }) as const;
const SIGNED_IN = (ok: number) =>
  ({ anonymous: 401, applicant: ok, otherCandidate: ok, owner: ok, otherRecruiter: ok, admin: ok }) as const;

/** The hiring loop's routes × role × owner: who may call them, and what the others get. */
const ROUTES: RouteCase[] = [
  { name: 'GET /api/me/saved', method: 'GET', url: () => '/api/me/saved', expect: CANDIDATES_ONLY(200) },
  {
    name: 'PUT saved',
    method: 'PUT',
    url: (f) => `/api/me/saved/${f.listing}`,
    expect: CANDIDATES_ONLY(200),
  },
  {
    name: 'DELETE saved',
    method: 'DELETE',
    url: (f) => `/api/me/saved/${f.listing}`,
    expect: CANDIDATES_ONLY(204),
  },
  {
    name: 'POST apply',
    method: 'POST',
    url: (f) => `/api/listings/${f.listing}/applications`,
    payload: () => ({ note: 'Hello' }),
    // The applicant applied already; the other candidate may apply.
    expect: {
      anonymous: 401,
      applicant: 409,
      otherCandidate: 201,
      owner: 403,
      otherRecruiter: 403,
      admin: 403,
    },
  },
  {
    name: 'GET /api/me/applications',
    method: 'GET',
    url: () => '/api/me/applications',
    expect: CANDIDATES_ONLY(200),
  },
  {
    name: 'POST withdraw',
    method: 'POST',
    url: (f) => `/api/me/applications/${f.application}/withdraw`,
    expect: {
      anonymous: 401,
      applicant: 200,
      otherCandidate: 404,
      owner: 403,
      otherRecruiter: 403,
      admin: 403,
    },
  },
  {
    name: 'GET listing applications',
    method: 'GET',
    url: (f) => `/api/listings/${f.listing}/applications`,
    expect: {
      anonymous: 401,
      applicant: 403,
      otherCandidate: 403,
      owner: 200,
      otherRecruiter: 403,
      admin: 200,
    },
  },
  {
    name: 'PATCH application',
    method: 'PATCH',
    url: (f) => `/api/applications/${f.application}`,
    payload: () => ({ stage: 'in-review', note: 'Strong Go background' }),
    expect: {
      anonymous: 401,
      applicant: 403,
      otherCandidate: 403,
      owner: 200,
      otherRecruiter: 404,
      admin: 200,
    },
  },
  {
    name: 'POST invitation',
    method: 'POST',
    url: (f) => `/api/listings/${f.listing}/invitations`,
    payload: (f) => ({ profileId: f.profile }),
    expect: {
      anonymous: 401,
      applicant: 403,
      otherCandidate: 403,
      owner: 201,
      otherRecruiter: 403,
      admin: 403,
    },
  },
  {
    name: 'GET /api/me/notifications',
    method: 'GET',
    url: () => '/api/me/notifications',
    expect: SIGNED_IN(200),
  },
  {
    name: 'POST notifications read',
    method: 'POST',
    url: () => '/api/me/notifications/read',
    payload: () => ({}),
    expect: SIGNED_IN(200),
  },
  {
    name: 'GET notification settings',
    method: 'GET',
    url: () => '/api/me/notification-settings',
    expect: SIGNED_IN(200),
  },
  {
    name: 'PUT notification settings',
    method: 'PUT',
    url: () => '/api/me/notification-settings',
    payload: () => ({ email: { invitations: false } }),
    expect: SIGNED_IN(200),
  },
  {
    name: 'POST unsubscribe with a forged token',
    method: 'POST',
    url: () => '/api/unsubscribe?token=someone.applications.forged-signature',
    expect: {
      anonymous: 400,
      applicant: 400,
      otherCandidate: 400,
      owner: 400,
      otherRecruiter: 400,
      admin: 400,
    },
  },
  {
    name: 'GET /api/admin/emails',
    method: 'GET',
    url: () => '/api/admin/emails',
    expect: {
      anonymous: 401,
      applicant: 403,
      otherCandidate: 403,
      owner: 403,
      otherRecruiter: 403,
      admin: 200,
    },
  },
];

describe('hiring authorization matrix', () => {
  let t: TestApp;
  const sessions = {} as Record<Exclude<Actor, 'anonymous'>, Session>;
  let otherProfileId: string;

  beforeAll(async () => {
    t = await createTestApp({ ADMIN_EMAIL: 'admin@backboard.test', ADMIN_PASSWORD: 'admin password 123' });
    sessions.owner = await signUp(t.app, 'recruiter', { company: 'Owner Co' });
    sessions.otherRecruiter = await signUp(t.app, 'recruiter', { company: 'Other Co' });
    sessions.applicant = await signUp(t.app, 'candidate');
    sessions.otherCandidate = await signUp(t.app, 'candidate');
    for (const who of ['applicant', 'otherCandidate'] as const) {
      const saved = await t.app.inject({
        method: 'PUT',
        url: '/api/me/profile',
        headers: sessions[who].auth,
        payload: profileBody({ discoverable: true }),
      });
      if (who === 'otherCandidate') otherProfileId = saved.json().profile.id;
    }
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'admin@backboard.test', password: 'admin password 123' },
    });
    const token = login.json().accessToken as string;
    sessions.admin = {
      token,
      cookie: '',
      user: login.json().user,
      auth: { authorization: `Bearer ${token}` },
    };
  });
  afterAll(async () => {
    await t.close();
  });

  async function fixture(): Promise<Fixture> {
    const listing = (await postListing(t.app, sessions.owner)).id;
    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/listings/${listing}/applications`,
      headers: sessions.applicant.auth,
      payload: {},
    });
    return { listing, application: applied.json().application.id, profile: otherProfileId };
  }

  for (const route of ROUTES) {
    for (const actor of ACTORS) {
      it(`${route.name} as ${actor} → ${route.expect[actor]}`, async () => {
        const f = await fixture();
        const response = await t.app.inject({
          method: route.method,
          url: route.url(f),
          headers: actor === 'anonymous' ? {} : sessions[actor].auth,
          ...(route.payload ? { payload: route.payload(f) } : {}),
        });
        expect(response.statusCode, response.body).toBe(route.expect[actor]);
        if (response.statusCode >= 400) expect(response.json().error.code).toEqual(expect.any(String));
      });
    }
  }
});
