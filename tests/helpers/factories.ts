import type { ListingData, NewListing, ProfileData } from '../../server/adapters/store/port.ts';

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
