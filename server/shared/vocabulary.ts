/**
 * The product's enumerations, each written once. Server and web both import this module (it imports
 * nothing), so TypeBox schemas, mongoose enums, search validation, web labels and domain types all
 * derive from these arrays. Order is meaningful where it says so.
 */

export const ROLES = ['candidate', 'recruiter', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Most junior first; the match score ranks them in this order (staff and lead share a rank). */
export const SENIORITIES = ['junior', 'mid', 'senior', 'staff', 'lead'] as const;
export type Seniority = (typeof SENIORITIES)[number];

/** From most to least presence at the office. */
export const REMOTE_POLICIES = ['onsite', 'hybrid', 'remote'] as const;
export type RemotePolicy = (typeof REMOTE_POLICIES)[number];

export const EMPLOYMENT_TYPES = ['full-time', 'part-time', 'contract', 'internship'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const SALARY_PERIODS = ['year', 'month', 'hour'] as const;
export type SalaryPeriod = (typeof SALARY_PERIODS)[number];

export const LISTING_STATUSES = ['open', 'closed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  candidate: 'Candidate',
  recruiter: 'Recruiter',
  admin: 'Admin',
};

export const SENIORITY_LABEL: Readonly<Record<Seniority, string>> = {
  junior: 'Junior',
  mid: 'Mid-level',
  senior: 'Senior',
  staff: 'Staff',
  lead: 'Lead',
};

export const REMOTE_LABEL: Readonly<Record<RemotePolicy, string>> = {
  onsite: 'On-site',
  hybrid: 'Hybrid',
  remote: 'Remote',
};

export const EMPLOYMENT_LABEL: Readonly<Record<EmploymentType, string>> = {
  'full-time': 'Full-time',
  'part-time': 'Part-time',
  contract: 'Contract',
  internship: 'Internship',
};

export const PERIOD_LABEL: Readonly<Record<SalaryPeriod, string>> = {
  year: 'per year',
  month: 'per month',
  hour: 'per hour',
};

export const LISTING_STATUS_LABEL: Readonly<Record<ListingStatus, string>> = {
  open: 'Open',
  closed: 'Closed',
};

/** Whether `value` is one of `values`, narrowing it to that union. */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/**
 * An application's stages: the pipeline in order, then the two ways out. A company moves applications
 * along the pipeline (or rejects them); only the candidate withdraws.
 */
export const APPLICATION_STAGES = [
  'applied',
  'in-review',
  'interviewing',
  'offer',
  'hired',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStage = (typeof APPLICATION_STAGES)[number];

export const APPLICATION_STAGE_LABEL: Readonly<Record<ApplicationStage, string>> = {
  applied: 'Applied',
  'in-review': 'In review',
  interviewing: 'Interviewing',
  offer: 'Offer',
  hired: 'Hired',
  rejected: 'Not selected',
  withdrawn: 'Withdrawn',
};

/** What an in-app notification (and its email) is about. */
export const NOTIFICATION_KINDS = [
  'application-received',
  'stage-changed',
  'invited',
  'listing-closed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Emails about the account itself: always sent, never an in-app notification, no topic to turn off. */
export const ACCOUNT_EMAIL_KINDS = ['email-confirmation', 'sign-up-attempt'] as const;
export type AccountEmailKind = (typeof ACCOUNT_EMAIL_KINDS)[number];

/** What an email in the outbox is about. */
export const EMAIL_KINDS = [...NOTIFICATION_KINDS, ...ACCOUNT_EMAIL_KINDS] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/** The email topics a user may turn off, each covering some kinds of notification. */
export const EMAIL_TOPICS = ['applications', 'invitations', 'listings'] as const;
export type EmailTopic = (typeof EMAIL_TOPICS)[number];

export const EMAIL_TOPIC_OF: Readonly<Record<NotificationKind, EmailTopic>> = {
  'application-received': 'applications',
  'stage-changed': 'applications',
  invited: 'invitations',
  'listing-closed': 'listings',
};

export const EMAIL_TOPIC_LABEL: Readonly<Record<EmailTopic, string>> = {
  applications: 'Applications and their stages',
  invitations: 'Invitations to apply',
  listings: 'Postings you applied to being closed',
};
