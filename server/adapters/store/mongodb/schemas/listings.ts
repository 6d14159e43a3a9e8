import { Schema } from 'mongoose';
import {
  EMPLOYMENT_TYPES,
  LISTING_STATUSES,
  REMOTE_POLICIES,
  SALARY_PERIODS,
  SENIORITIES,
} from '../../../../shared/vocabulary.ts';
import type { ListingData, ListingStatus, SalaryRange, SourceKey } from '../../port.ts';
import {
  LocationSchema,
  MAJORITY,
  MAX_SALARY,
  STRICT,
  SkillRefSchema,
  SourceKeySchema,
  boundedString,
  integerValidator,
} from './parts.ts';

/** Fields added after the first listings were stored: older documents lack them (read with defaults). */
type LaterListingFields = 'visaSponsorship' | 'remoteRegions';

export interface ListingDoc
  extends Omit<ListingData, LaterListingFields>, Partial<Pick<ListingData, LaterListingFields>> {
  _id: string;
  ownerId: string;
  companyId: string;
  company: string;
  status: ListingStatus;
  version: number;
  indexedVersion: number;
  matchedVersion: number;
  /** indexedVersion < version, kept as a flag so the reconcile sweep reads an index, not a scan. */
  indexPending: boolean;
  /** matchedVersion < version, same reason. */
  matchPending: boolean;
  deletedAt: Date | null;
  source: SourceKey | null;
  createdAt: Date;
  updatedAt: Date;
}

const positiveValidator = {
  validator: (value: number) => value > 0,
  message: '{PATH} must be greater than 0',
};

const SalarySchema = new Schema(
  {
    min: { type: Number, required: true, min: 0, max: MAX_SALARY },
    max: { type: Number, required: true, min: 0, max: MAX_SALARY },
    currency: { type: String, required: true, match: /^[A-Z]{3}$/ },
    period: { type: String, required: true, enum: SALARY_PERIODS },
    estimated: { type: Boolean },
  },
  { _id: false, strict: 'throw' },
);

const SkillRequirementSchema = new Schema(
  {
    skill: { type: SkillRefSchema, required: true },
    level: { type: Number, required: true, min: 1, max: 5, validate: integerValidator },
    weight: { type: Number, required: true, max: 10, validate: positiveValidator },
  },
  { _id: false, strict: 'throw' },
);

const skillList = (max: number) => ({
  type: [SkillRequirementSchema],
  default: [],
  validate: { validator: (skills: unknown[]) => skills.length <= max, message: `at most ${max} skills` },
});

export const listingSchema = new Schema<ListingDoc>(
  {
    _id: { type: String, required: true },
    ownerId: { type: String, required: true },
    companyId: { type: String, required: true },
    company: boundedString(120),
    title: boundedString(200),
    // May be empty, as the API allows; `required` would refuse ''.
    description: { type: String, default: '', maxlength: 20_000 },
    location: { type: LocationSchema, required: true },
    remote: { type: String, required: true, enum: REMOTE_POLICIES },
    employmentType: { type: String, required: true, enum: EMPLOYMENT_TYPES },
    seniority: { type: String, required: true, enum: SENIORITIES },
    salary: {
      type: SalarySchema,
      required: true,
      validate: {
        validator: (salary: SalaryRange) => salary.max >= salary.min,
        message: 'salary.max must be at least salary.min',
      },
    },
    requiredSkills: skillList(40),
    niceToHaveSkills: skillList(40),
    visaSponsorship: { type: Boolean, default: false },
    remoteRegions: {
      type: [{ type: String, maxlength: 20 }],
      default: [],
      validate: { validator: (areas: unknown[]) => areas.length <= 50, message: 'at most 50 areas' },
    },
    status: { type: String, required: true, enum: LISTING_STATUSES, default: 'open' },
    version: { type: Number, required: true, min: 1, validate: integerValidator },
    indexedVersion: { type: Number, required: true, min: 0, validate: integerValidator },
    matchedVersion: { type: Number, required: true, min: 0, validate: integerValidator },
    indexPending: { type: Boolean, required: true },
    matchPending: { type: Boolean, required: true },
    deletedAt: { type: Date, default: null },
    source: { type: SourceKeySchema, default: null },
    createdAt: { type: Date, required: true, immutable: true },
    updatedAt: { type: Date, required: true },
  },
  { ...STRICT, collection: 'listings', writeConcern: MAJORITY },
);
// A recruiter's listings, newest first (listByCompany).
listingSchema.index({ companyId: 1, deletedAt: 1, updatedAt: -1, _id: -1 });
listingSchema.index({ status: 1, _id: 1 });
// The reconcile sweep: lagging listings, oldest first.
listingSchema.index({ indexPending: 1, updatedAt: 1, _id: 1 });
listingSchema.index({ matchPending: 1, updatedAt: 1, _id: 1 });
/** A deleted listing's `deletedAt`, and the partial filter of the tombstone index. */
export const TOMBSTONE = { $type: 'date' } as const;
// Tombstones only (the purge sweep): partial, so it holds deleted listings and nothing else.
listingSchema.index({ deletedAt: 1 }, { partialFilterExpression: { deletedAt: TOMBSTONE } });
// Sparse: listings posted through the API carry no source and stay out of the unique index.
listingSchema.index({ 'source.source': 1, 'source.sourceId': 1 }, { unique: true, sparse: true });
