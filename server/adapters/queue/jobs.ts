/** Every job Backboard runs, with its data. Job ids are `<entity id>-v<version>` so retries and duplicates are harmless. */
export type BackboardJobs = {
  /** Upsert or delete one listing in the search index. */
  index: { listingId: string; version: number; requestId?: string };
  /** Score one listing against every candidate profile and store its top candidates. */
  'match-listing': { listingId: string; version: number; requestId?: string };
  /** Score one profile against every open listing and store its top recommendations. */
  'match-profile': { profileId: string; version: number; requestId?: string };
  /** Recompute market salary bands from the reference survey and the postings that state their pay. */
  'salary-bands': { reason: string };
  /** Send what the email outbox holds unsent. */
  outbox: { reason: string; requestId?: string };
  /** Re-enqueue whatever lags: the safety net for work lost between a write and its enqueue. */
  reconcile: { reason: string };
};

export type JobName = keyof BackboardJobs;

export const JOB_NAMES: readonly JobName[] = [
  'index',
  'match-listing',
  'match-profile',
  'salary-bands',
  'outbox',
  'reconcile',
];

/** Candidates kept per listing (read back filtered to those still discoverable). */
export const TOP_CANDIDATES = 200;
/** Recommendations kept per profile. */
export const TOP_RECOMMENDATIONS = 50;

/** A burst of listing writes within this window recomputes the salary bands once. */
export const SALARY_BANDS_DEBOUNCE_MS = 2_000;

/** The salary-bands job for the debounce window of `at`: every change in that window shares it. */
export const salaryBandsJob = (at: number) => ({
  jobId: `bands-${Math.floor(at / SALARY_BANDS_DEBOUNCE_MS)}`,
  delayMs: SALARY_BANDS_DEBOUNCE_MS,
});

/** Bands are carried forward to the day they are computed: a quiet board still recomputes them daily. */
export const SALARY_BANDS_EVERY_MS = 6 * 60 * 60_000;

/** Emails written within this window are sent by one outbox job, started this long after the first. */
export const OUTBOX_DEBOUNCE_MS = 200;

export const versionedJobId = (entityId: string, version: number) => `${entityId}-v${version}`;
