import type {
  ApplicationSnapshot,
  Delivery,
  ListingData,
  NewApplication,
  NewEmail,
  NewInvitation,
  NewListing,
  NewNotification,
  ProfileData,
} from '../../server/adapters/store/port.ts';

/** Small factories for valid entities; tests override only what they are about. */
export function listingData(overrides: Partial<ListingData> = {}): ListingData {
  return {
    title: 'Senior Go Engineer',
    description: 'Build **payment** APIs in Go on PostgreSQL and Kubernetes.',
    location: { country: 'DE', city: 'Berlin' },
    remote: 'hybrid',
    employmentType: 'full-time',
    seniority: 'senior',
    salary: { min: 70_000, max: 90_000, currency: 'EUR', period: 'year' },
    requiredSkills: [
      { skill: { id: 'go', name: 'Go' }, level: 4, weight: 3 },
      { skill: { id: 'postgresql', name: 'PostgreSQL' }, level: 3, weight: 2 },
    ],
    niceToHaveSkills: [{ skill: { id: 'kubernetes', name: 'Kubernetes' }, level: 2, weight: 1 }],
    visaSponsorship: false,
    remoteRegions: [],
    ...overrides,
  };
}

export function newListing(
  owner: { ownerId: string; companyId: string; company: string },
  overrides: Partial<NewListing> = {},
): NewListing {
  return { ...listingData(), ...owner, ...overrides };
}

export function profileData(overrides: Partial<ProfileData> = {}): ProfileData {
  return {
    headline: 'Backend developer',
    yearsExperience: 6,
    seniority: 'senior',
    location: { country: 'DE', city: 'Berlin' },
    remote: 'remote',
    expectedSalary: { min: 75_000, currency: 'EUR', period: 'year' },
    skills: [
      { skill: { id: 'go', name: 'Go' }, level: 4 },
      { skill: { id: 'mysql', name: 'MySQL' }, years: 5 },
    ],
    discoverable: true,
    ...overrides,
  };
}

let counter = 0;
export function uniqueEmail(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${counter}@example.com`;
}

/** What a company sees of a candidate as of applying; `score` null is an unscored candidate. */
export function applicationSnapshot(score: number | null = 72): ApplicationSnapshot {
  const { expectedSalary: _salary, discoverable: _discoverable, ...profile } = profileData();
  return {
    profile,
    score,
    gap: { matched: [], partial: [], missingRequired: [], missingNiceToHave: [] },
  };
}

export function newApplication(overrides: Partial<NewApplication> = {}): NewApplication {
  return {
    listingId: 'listing-1',
    companyId: 'company-1',
    candidateId: 'candidate-1',
    profileId: 'profile-1',
    note: 'I build payment APIs in Go.',
    snapshot: applicationSnapshot(),
    contact: { name: 'Cara', email: 'cara@example.com' },
    ...overrides,
  };
}

export function newNotification(overrides: Partial<NewNotification> = {}): NewNotification {
  return {
    userId: 'user-1',
    kind: 'stage-changed',
    title: 'Your application moved to In review',
    body: 'Acme Payments is reviewing your application.',
    link: '/me/applications',
    dedupeKey: 'stage-changed:application-1:2',
    ...overrides,
  };
}

export function newEmail(overrides: Partial<NewEmail> = {}): NewEmail {
  return {
    userId: 'user-1',
    kind: 'stage-changed',
    to: 'cara@example.com',
    subject: 'Your application moved to In review',
    text: 'Acme Payments is reviewing your application.',
    html: '<p>Acme Payments is reviewing your application.</p>',
    headers: { 'List-Unsubscribe': '<https://backboard.example/unsubscribe>' },
    dedupeKey: 'stage-changed:application-1:2',
    ...overrides,
  };
}

export function newInvitation(overrides: Partial<NewInvitation> = {}): NewInvitation {
  return {
    listingId: 'L1',
    companyId: 'company-1',
    profileId: 'P1',
    candidateId: 'candidate-1',
    invitedBy: 'recruiter-1',
    message: 'Your Go work fits this role.',
    ...overrides,
  };
}

/** A notification and an email under one dedupe key, each titled by the key so a test can find it. */
export function deliveryOf(key: string, userId = 'user-1'): Delivery {
  return {
    notifications: [newNotification({ userId, dedupeKey: key, title: key })],
    emails: [newEmail({ userId, dedupeKey: key, subject: key })],
  };
}
