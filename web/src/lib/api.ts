import type {
  AdminOperation,
  ApplicantsAnswer,
  ApplicationChange,
  ApplicationStage,
  AuthAnswer,
  BandAnswer,
  BandPreviewInput,
  CandidateApplication,
  CompanyApplication,
  EmailSettings,
  Invitation,
  MarkReadAnswer,
  MyApplicationsAnswer,
  NotificationsAnswer,
  OutboxAnswer,
  OutboxStatus,
  SavedAnswer,
  SavedMark,
  UnsubscribeAnswer,
  CandidatesAnswer,
  ExtractedSkill,
  ListPage,
  Listing,
  ListingInput,
  ListingPatch,
  LoginInput,
  MatchAnswer,
  Profile,
  ProfileInput,
  PublicUser,
  QueuesAnswer,
  RecommendationsAnswer,
  SearchAnswer,
  SignupAnswer,
  SignupInput,
  SkillSuggestion,
} from './types.ts';
import type { FacetName } from '../../../server/shared/search-filters.ts';

export interface ApiErrorDetail {
  path?: string;
  message: string;
}

/** Every failed call ends here: an HTTP error answer, a network failure or an unreadable answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type Query = Record<string, QueryValue>;

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

type AuthListener = (user: PublicUser | null) => void;

/** The access token lives only in memory; the refresh token is an httpOnly cookie the browser sends. */
let accessToken: string | null = null;
let refreshInFlight: Promise<boolean> | null = null;
const authListeners = new Set<AuthListener>();

export function onAuthChange(listener: AuthListener): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

/**
 * A non-secret hint that this browser has a session, so a first visit does not ask for a refresh it
 * cannot get. The refresh token itself stays in its httpOnly cookie.
 */
const SESSION_HINT = 'backboard:signed-in';

export function mayHaveSession(): boolean {
  try {
    return window.localStorage.getItem(SESSION_HINT) === '1';
  } catch {
    return true;
  }
}

function rememberSession(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(SESSION_HINT, '1');
    else window.localStorage.removeItem(SESSION_HINT);
  } catch {
    // Storage can be disabled; the hint is only an optimisation.
  }
}

function setAuth(answer: AuthAnswer | null): void {
  accessToken = answer?.accessToken ?? null;
  rememberSession(answer !== null);
  for (const listener of authListeners) listener(answer?.user ?? null);
}

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, say): fall back to the status line below.
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string') {
    const details = Array.isArray(error.details) ? (error.details as ApiErrorDetail[]) : [];
    return new ApiError(response.status, error.code, String(error.message ?? response.statusText), details);
  }
  return new ApiError(response.status, `http_${response.status}`, response.statusText || 'Request failed');
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(path + queryString(options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Backboard cannot be reached. Check your connection and try again.');
  }
}

/** Asks for a new access token with the refresh cookie; concurrent callers share one request. */
export function refreshSession(): Promise<boolean> {
  refreshInFlight ??= (async () => {
    try {
      const response = await send('POST', '/api/auth/refresh', {});
      if (!response.ok) {
        setAuth(null);
        return false;
      }
      setAuth((await response.json()) as AuthAnswer);
      return true;
    } catch {
      return false;
    } finally {
      refreshInFlight = null;
    }
  })();
  return refreshInFlight;
}

const NO_RETRY_PATHS = [
  '/api/auth/login',
  '/api/auth/signup',
  '/api/auth/confirm-email',
  '/api/auth/refresh',
  '/api/auth/logout',
];

/** One call: on a 401 with a token it refreshes once and retries, so expiry never surprises the user. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options);
  if (response.status === 401 && accessToken && !NO_RETRY_PATHS.includes(path)) {
    if (await refreshSession()) response = await send(method, path, options);
  }
  if (!response.ok) throw await readError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A search as the page asks for it: facet filters as lists (the filter table's facets), the rest plain. */
export interface SearchQuery extends Partial<Record<FacetName, string[]>> {
  q?: string;
  salaryMin?: number;
  currency?: string;
  sort?: string;
  page?: number;
  limit?: number;
}

export interface BandQuery {
  seniority?: string;
  country?: string;
  skill?: string;
  remote?: string;
  currency?: string;
}

const listingPath = (id: string) => `/api/listings/${encodeURIComponent(id)}`;

/** The typed surface of the HTTP API (DESIGN.md §2a). */
export const api = {
  /** Starts a sign-up: no session until the emailed link is opened and the person logs in. */
  signup: (input: SignupInput) => request<SignupAnswer>('POST', '/api/auth/signup', { body: input }),
  /** Confirms the address with the sign-up's password, and starts the session. */
  async confirmEmail(token: string, password: string): Promise<PublicUser> {
    const answer = await request<AuthAnswer>('POST', '/api/auth/confirm-email', {
      body: { token, password },
    });
    setAuth(answer);
    return answer.user;
  },
  async login(input: LoginInput): Promise<PublicUser> {
    const answer = await request<AuthAnswer>('POST', '/api/auth/login', { body: input });
    setAuth(answer);
    return answer.user;
  },
  async logout(): Promise<void> {
    try {
      await request<void>('POST', '/api/auth/logout');
    } finally {
      setAuth(null);
    }
  },
  me: () => request<{ user: PublicUser }>('GET', '/api/auth/me'),

  search: (query: SearchQuery, signal?: AbortSignal) =>
    request<SearchAnswer>('GET', '/api/listings/search', { query: { ...query }, signal }),
  listing: (id: string) => request<{ listing: Listing }>('GET', `/api/listings/${encodeURIComponent(id)}`),
  myListings: (page: number) =>
    request<ListPage<Listing>>('GET', '/api/listings', { query: { mine: true, page } }),
  createListing: (input: ListingInput) =>
    request<{ listing: Listing }>('POST', '/api/listings', { body: input }),
  updateListing: (id: string, input: ListingPatch) =>
    request<{ listing: Listing }>('PATCH', `/api/listings/${encodeURIComponent(id)}`, { body: input }),
  deleteListing: (id: string) => request<void>('DELETE', `/api/listings/${encodeURIComponent(id)}`),
  closeListing: (id: string) =>
    request<{ listing: Listing }>('POST', `/api/listings/${encodeURIComponent(id)}/close`),
  reopenListing: (id: string) =>
    request<{ listing: Listing }>('POST', `/api/listings/${encodeURIComponent(id)}/reopen`),
  match: (id: string) => request<MatchAnswer>('GET', `/api/listings/${encodeURIComponent(id)}/match`),
  candidates: (id: string, page: number) =>
    request<CandidatesAnswer>('GET', `/api/listings/${encodeURIComponent(id)}/candidates`, {
      query: { page },
    }),

  profile: () => request<{ profile: Profile | null }>('GET', '/api/me/profile'),
  saveProfile: (input: ProfileInput) =>
    request<{ profile: Profile }>('PUT', '/api/me/profile', { body: input }),
  recommendations: (page: number) =>
    request<RecommendationsAnswer>('GET', '/api/me/recommendations', { query: { page } }),

  skills: (q: string, signal?: AbortSignal) =>
    request<{ items: SkillSuggestion[] }>('GET', '/api/skills', { query: { q }, signal }),
  extractSkills: (text: string) =>
    request<{ items: ExtractedSkill[] }>('POST', '/api/skills/extract', { body: { text } }),
  salaryBand: (query: BandQuery, signal?: AbortSignal) =>
    request<BandAnswer>('GET', '/api/salary-bands', { query: { ...query }, signal }),
  /** The band a listing being written will show once saved (the same query as the posting's). */
  salaryBandPreview: (input: BandPreviewInput, signal?: AbortSignal) =>
    request<BandAnswer>('POST', '/api/salary-bands/preview', { body: input, signal }),

  saved: (page: number) => request<SavedAnswer>('GET', '/api/me/saved', { query: { page } }),
  save: async (listingId: string) =>
    (await request<{ saved: SavedMark }>('PUT', `/api/me/saved/${encodeURIComponent(listingId)}`)).saved,
  unsave: (listingId: string) => request<void>('DELETE', `/api/me/saved/${encodeURIComponent(listingId)}`),

  apply: async (listingId: string, note: string) =>
    (
      await request<{ application: CandidateApplication }>('POST', `${listingPath(listingId)}/applications`, {
        body: { note },
      })
    ).application,
  myApplications: (page: number) =>
    request<MyApplicationsAnswer>('GET', '/api/me/applications', { query: { page } }),
  withdraw: async (applicationId: string) =>
    (
      await request<{ application: CandidateApplication }>(
        'POST',
        `/api/me/applications/${encodeURIComponent(applicationId)}/withdraw`,
      )
    ).application,
  applicants: (listingId: string, query: { stage?: ApplicationStage | null; page: number }) =>
    request<ApplicantsAnswer>('GET', `${listingPath(listingId)}/applications`, { query }),
  changeApplication: async (applicationId: string, change: ApplicationChange) =>
    (
      await request<{ application: CompanyApplication }>(
        'PATCH',
        `/api/applications/${encodeURIComponent(applicationId)}`,
        { body: change },
      )
    ).application,
  invite: async (listingId: string, profileId: string, message: string) =>
    (
      await request<{ invitation: Invitation }>('POST', `${listingPath(listingId)}/invitations`, {
        body: { profileId, message },
      })
    ).invitation,

  notifications: (query: { page: number; limit?: number }, signal?: AbortSignal) =>
    request<NotificationsAnswer>('GET', '/api/me/notifications', { query, signal }),
  /** Marks these notifications read, or all of them without `ids`. */
  markRead: (ids?: string[]) =>
    request<MarkReadAnswer>('POST', '/api/me/notifications/read', { body: ids ? { ids } : {} }),
  emailSettings: async () =>
    (await request<{ email: EmailSettings }>('GET', '/api/me/notification-settings')).email,
  saveEmailSettings: async (email: Partial<EmailSettings>) =>
    (await request<{ email: EmailSettings }>('PUT', '/api/me/notification-settings', { body: { email } }))
      .email,
  unsubscribe: (token: string) =>
    request<UnsubscribeAnswer>('POST', '/api/unsubscribe', { query: { token } }),

  queues: () => request<QueuesAnswer>('GET', '/api/admin/queues'),
  startOperation: (kind: 'reindex' | 'rematch') =>
    request<{ operation: AdminOperation }>('POST', `/api/admin/${kind}`),
  operation: (id: string) =>
    request<{ operation: AdminOperation }>('GET', `/api/admin/operations/${encodeURIComponent(id)}`),
  outbox: (query: { status?: OutboxStatus | null; page: number }) =>
    request<OutboxAnswer>('GET', '/api/admin/emails', { query }),
};
