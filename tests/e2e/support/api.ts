import { uniqueEmail, PASSWORD } from './journeys.ts';

/** Arranges data through the public HTTP API (the journeys under test go through the browser). */
export async function apiCall<T>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<T> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * An account as a person makes one: sign up, then confirm with the link (the server shows it, having
 * no mail server) and the password. Answers the access token.
 */
export async function signUpThroughApi(
  baseUrl: string,
  body: { email: string; name: string; role: 'candidate' | 'recruiter'; company?: string },
): Promise<string> {
  const { confirmUrl } = await apiCall<{ confirmUrl: string }>(baseUrl, 'POST', '/api/auth/signup', {
    ...body,
    password: PASSWORD,
  });
  const token = new URL(confirmUrl).searchParams.get('token');
  const { accessToken } = await apiCall<{ accessToken: string }>(baseUrl, 'POST', '/api/auth/confirm-email', {
    token,
    password: PASSWORD,
  });
  return accessToken;
}

export async function recruiterToken(baseUrl: string, company: string): Promise<string> {
  return signUpThroughApi(baseUrl, {
    email: uniqueEmail('recruiter'),
    name: 'Arranging Recruiter',
    role: 'recruiter',
    company,
  });
}

export interface ListingOverrides {
  title: string;
  description?: string;
  country?: string;
  remote?: 'onsite' | 'hybrid' | 'remote';
  seniority?: 'junior' | 'mid' | 'senior' | 'staff' | 'lead';
  required: string[];
  niceToHave?: string[];
  salary?: [number, number];
  currency?: string;
}

export async function postListing(
  baseUrl: string,
  token: string,
  listing: ListingOverrides,
): Promise<string> {
  const [min, max] = listing.salary ?? [60_000, 80_000];
  const answer = await apiCall<{ listing: { id: string } }>(
    baseUrl,
    'POST',
    '/api/listings',
    {
      title: listing.title,
      description: listing.description ?? `We are hiring: ${listing.title}.`,
      location: { country: listing.country ?? 'DE', city: 'Berlin' },
      remote: listing.remote ?? 'hybrid',
      employmentType: 'full-time',
      seniority: listing.seniority ?? 'senior',
      salary: { min, max, currency: listing.currency ?? 'EUR', period: 'year' },
      requiredSkills: listing.required.map((skill) => ({ skill, level: 3, weight: 1 })),
      niceToHaveSkills: (listing.niceToHave ?? []).map((skill) => ({ skill, level: 2, weight: 1 })),
    },
    token,
  );
  return answer.listing.id;
}

/** A candidate who chose to be discoverable, with the given skills at working proficiency. */
export async function discoverableCandidate(
  baseUrl: string,
  headline: string,
  skills: string[],
): Promise<void> {
  const accessToken = await signUpThroughApi(baseUrl, {
    email: uniqueEmail('candidate'),
    name: 'Arranged Candidate',
    role: 'candidate',
  });
  await apiCall(
    baseUrl,
    'PUT',
    '/api/me/profile',
    {
      headline,
      yearsExperience: 6,
      seniority: 'senior',
      location: { country: 'DE', city: 'Berlin' },
      remote: 'remote',
      expectedSalary: null,
      skills: skills.map((skill) => ({ skill, level: 4 })),
      discoverable: true,
    },
    accessToken,
  );
}
