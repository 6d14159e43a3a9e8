import type { CandidateApplication, InboxNotification, Listing, Profile } from '../../web/src/lib/types.ts';

/** A listing as `GET /api/listings/:id` answers it, with any field replaced. */
export function aListing(overrides: Partial<Listing> = {}): Listing {
  return {
    id: 'listing-1',
    title: 'Senior Go engineer',
    description: 'Build **payment rails**.',
    location: { country: 'NL', city: 'Amsterdam' },
    remote: 'remote',
    employmentType: 'contract',
    seniority: 'senior',
    salary: { min: 70_000, max: 90_000, currency: 'EUR', period: 'year', estimated: false },
    requiredSkills: [{ skill: { id: 'go', name: 'Go' }, level: 4, weight: 2 }],
    niceToHaveSkills: [{ skill: { id: 'kafka', name: 'Kafka' }, level: 2, weight: 1 }],
    visaSponsorship: false,
    remoteRegions: ['eu', 'GB'],
    status: 'open',
    company: 'Acme Payments',
    companyId: 'company-1',
    version: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    salaryBand: null,
    salaryPosition: null,
    ...overrides,
  };
}

/** A candidate's profile as `GET /api/me/profile` answers it, with any field replaced. */
export function aProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    id: 'profile-1',
    headline: 'Back-end developer',
    yearsExperience: 6,
    seniority: 'senior',
    location: { country: 'GB', city: 'Leeds' },
    remote: 'hybrid',
    expectedSalary: { min: 65_000, currency: 'GBP', period: 'year' },
    skills: [
      { skill: { id: 'postgresql', name: 'PostgreSQL' }, level: 4 },
      { skill: { id: 'go', name: 'Go' }, years: 5 },
    ],
    discoverable: true,
    version: 2,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    ...overrides,
  };
}

/** An application as its candidate reads it (`GET /api/me/applications`), with any field replaced. */
export function aCandidateApplication(overrides: Partial<CandidateApplication> = {}): CandidateApplication {
  return {
    id: 'application-1',
    listingId: 'listing-1',
    listing: {
      id: 'listing-1',
      title: 'Senior Go engineer',
      company: 'Acme Payments',
      status: 'open',
      location: { country: 'NL', city: 'Amsterdam' },
      remote: 'remote',
    },
    stage: 'applied',
    note: 'I built payment rails before.',
    score: 72,
    timeline: [{ stage: 'applied', at: '2026-03-02T12:00:00.000Z', by: 'candidate' }],
    createdAt: '2026-03-02T12:00:00.000Z',
    updatedAt: '2026-03-02T12:00:00.000Z',
    ...overrides,
  };
}

/** An in-app notification as `GET /api/me/notifications` lists it, with any field replaced. */
export function aNotification(overrides: Partial<InboxNotification> = {}): InboxNotification {
  return {
    id: 'notification-1',
    kind: 'stage-changed',
    title: 'Senior Go engineer: Interviewing',
    body: 'Acme Payments moved your application for Senior Go engineer to Interviewing.',
    link: '/applications',
    readAt: null,
    createdAt: '2026-03-03T12:00:00.000Z',
    ...overrides,
  };
}
