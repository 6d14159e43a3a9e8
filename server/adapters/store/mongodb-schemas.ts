import { Schema, type Connection, type Model } from 'mongoose';
import type { ListingData, ListingStatus, ProfileData, Role, SalaryRange, SourceKey } from './port.ts';

/**
 * Stored shapes of the MongoDB adapter. Ids are strings (ObjectId hex, so string order is creation
 * order) and timestamps are Dates; `mongodb.ts` maps them to the port's string ids and ISO strings.
 * Validation mirrors the API schemas so a bad document never lands, whoever calls the store; values
 * are stored as given (no trimming), like the embedded store, except the lower-cased unique keys.
 */

import {
  EMPLOYMENT_TYPES,
  LISTING_STATUSES,
  REMOTE_POLICIES,
  ROLES,
  SALARY_PERIODS,
  SENIORITIES,
} from '../../shared/vocabulary.ts';

export interface UserDoc {
  _id: string;
  email: string;
  /** Lower-cased email: the unique key that makes sign-up case-insensitive. */
  emailKey: string;
  name: string;
  role: Role;
  companyId: string | null;
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CompanyDoc {
  _id: string;
  name: string;
  /** Lower-cased name: companies are unique by it. */
  nameKey: string;
  createdAt: Date;
}

export interface ListingDoc extends ListingData {
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

export interface ProfileDoc extends ProfileData {
  _id: string;
  userId: string;
  version: number;
  matchedVersion: number;
  matchPending: boolean;
  source: SourceKey | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RefreshTokenDoc {
  _id: string;
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
  revokedAt: Date | null;
  replacedById: string | null;
  createdAt: Date;
}

export interface MatchDoc {
  /** Whose list the row belongs to: a listing's candidates or a profile's recommendations. */
  side: 'listing' | 'profile';
  listingId: string;
  profileId: string;
  score: number;
  /** JSON text: summaries are free-form, and `$` or `.` in their keys must never reach MongoDB as fields. */
  summary: string;
  listingVersion: number;
  profileVersion: number;
  computedAt: Date;
}

/** The newest version whose match results were stored, per listing (`listing:<id>`) or profile (`profile:<id>`). */
export interface MatchStateDoc {
  _id: string;
  version: number;
}

export interface DocumentDoc {
  _id: string;
  /** JSON text, for the same reason as MatchDoc.summary. */
  value: string;
  updatedAt: Date;
}

const MAX_SALARY = 100_000_000;
const MAJORITY = { w: 'majority' as const };
/** Unknown paths in a filter or a document are a bug or an attack: fail loudly instead of dropping them. */
const STRICT = { strict: 'throw', strictQuery: 'throw', versionKey: false, id: false } as const;

const integerValidator = { validator: Number.isInteger, message: '{PATH} must be an integer' };
const positiveValidator = {
  validator: (value: number) => value > 0,
  message: '{PATH} must be greater than 0',
};

function boundedString(maxlength: number, required = true) {
  return { type: String, required, maxlength };
}

const SkillRefSchema = new Schema(
  { id: boundedString(80), name: boundedString(80) },
  { _id: false, strict: 'throw' },
);

const LocationSchema = new Schema(
  {
    country: { type: String, required: true, match: /^[A-Z]{2}$/ },
    city: { type: String, maxlength: 120, default: '' },
  },
  { _id: false, strict: 'throw' },
);

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

const ExpectedSalarySchema = new Schema(
  {
    min: { type: Number, required: true, min: 0, max: MAX_SALARY },
    currency: { type: String, required: true, match: /^[A-Z]{3}$/ },
    period: { type: String, required: true, enum: SALARY_PERIODS },
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

const ProfileSkillSchema = new Schema(
  {
    skill: { type: SkillRefSchema, required: true },
    level: { type: Number, min: 1, max: 5, validate: integerValidator },
    years: { type: Number, min: 0, max: 60 },
  },
  { _id: false, strict: 'throw' },
);

const SourceKeySchema = new Schema(
  { source: boundedString(100), sourceId: boundedString(200) },
  { _id: false, strict: 'throw' },
);

const skillList = (max: number) => ({
  type: [SkillRequirementSchema],
  default: [],
  validate: { validator: (skills: unknown[]) => skills.length <= max, message: `at most ${max} skills` },
});

export const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true, maxlength: 254, match: /^[^\s@]+@[^\s@]+$/ },
    emailKey: { type: String, required: true, lowercase: true },
    name: boundedString(100),
    role: { type: String, required: true, enum: ROLES },
    companyId: { type: String, default: null },
    passwordHash: { type: String, required: true },
    createdAt: { type: Date, required: true, immutable: true },
    updatedAt: { type: Date, required: true },
  },
  { ...STRICT, collection: 'users', writeConcern: MAJORITY },
);
userSchema.index({ emailKey: 1 }, { unique: true });
userSchema.index({ companyId: 1 });

export const companySchema = new Schema<CompanyDoc>(
  {
    _id: { type: String, required: true },
    name: boundedString(120),
    nameKey: { type: String, required: true, lowercase: true },
    createdAt: { type: Date, required: true, immutable: true },
  },
  { ...STRICT, collection: 'companies', writeConcern: MAJORITY },
);
companySchema.index({ nameKey: 1 }, { unique: true });

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
// Sparse: listings posted through the API carry no source and stay out of the unique index.
listingSchema.index({ 'source.source': 1, 'source.sourceId': 1 }, { unique: true, sparse: true });

export const profileSchema = new Schema<ProfileDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    headline: { type: String, maxlength: 200, default: '' },
    yearsExperience: { type: Number, required: true, min: 0, max: 60 },
    seniority: { type: String, enum: [...SENIORITIES, null], default: null },
    location: { type: LocationSchema, default: null },
    remote: { type: String, enum: [...REMOTE_POLICIES, null], default: null },
    expectedSalary: { type: ExpectedSalarySchema, default: null },
    skills: {
      type: [ProfileSkillSchema],
      default: [],
      validate: { validator: (skills: unknown[]) => skills.length <= 100, message: 'at most 100 skills' },
    },
    discoverable: { type: Boolean, required: true, default: false },
    version: { type: Number, required: true, min: 1, validate: integerValidator },
    matchedVersion: { type: Number, required: true, min: 0, validate: integerValidator },
    matchPending: { type: Boolean, required: true },
    source: { type: SourceKeySchema, default: null },
    createdAt: { type: Date, required: true, immutable: true },
    updatedAt: { type: Date, required: true },
  },
  { ...STRICT, collection: 'profiles' },
);
profileSchema.index({ userId: 1 }, { unique: true });
profileSchema.index({ 'source.source': 1, 'source.sourceId': 1 }, { unique: true, sparse: true });
profileSchema.index({ matchPending: 1, updatedAt: 1, _id: 1 });
profileSchema.index({ discoverable: 1, _id: 1 });

export const refreshTokenSchema = new Schema<RefreshTokenDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    familyId: { type: String, required: true },
    tokenHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    replacedById: { type: String, default: null },
    createdAt: { type: Date, required: true, immutable: true },
  },
  { ...STRICT, collection: 'refresh_tokens', writeConcern: MAJORITY },
);
refreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
refreshTokenSchema.index({ familyId: 1 });
// MongoDB drops expired tokens by itself; deleteExpired() is for the embedded store's parity.
refreshTokenSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export const matchSchema = new Schema<MatchDoc>(
  {
    side: { type: String, required: true, enum: ['listing', 'profile'] },
    listingId: { type: String, required: true },
    profileId: { type: String, required: true },
    score: { type: Number, required: true, min: 0, max: 100 },
    summary: { type: String, required: true, maxlength: 16_384 },
    listingVersion: { type: Number, required: true, min: 0, validate: integerValidator },
    profileVersion: { type: Number, required: true, min: 0, validate: integerValidator },
    computedAt: { type: Date, required: true },
  },
  { ...STRICT, collection: 'matches' },
);
matchSchema.index({ side: 1, listingId: 1, profileId: 1 }, { unique: true });
matchSchema.index({ side: 1, listingId: 1, score: -1, profileId: 1 });
matchSchema.index({ side: 1, profileId: 1, score: -1, listingId: 1 });

export const matchStateSchema = new Schema<MatchStateDoc>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true, min: 0, validate: integerValidator },
  },
  { ...STRICT, collection: 'match_state' },
);

export const documentSchema = new Schema<DocumentDoc>(
  {
    _id: { type: String, required: true, maxlength: 200 },
    value: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...STRICT, collection: 'documents' },
);

export interface MongoModels {
  users: Model<UserDoc>;
  companies: Model<CompanyDoc>;
  listings: Model<ListingDoc>;
  profiles: Model<ProfileDoc>;
  refreshTokens: Model<RefreshTokenDoc>;
  matches: Model<MatchDoc>;
  matchStates: Model<MatchStateDoc>;
  documents: Model<DocumentDoc>;
}

/** Registers every model on `connection`; works on an unopened connection too (tests validate documents). */
export function registerModels(connection: Connection): MongoModels {
  return {
    users: connection.model<UserDoc>('User', userSchema),
    companies: connection.model<CompanyDoc>('Company', companySchema),
    listings: connection.model<ListingDoc>('Listing', listingSchema),
    profiles: connection.model<ProfileDoc>('Profile', profileSchema),
    refreshTokens: connection.model<RefreshTokenDoc>('RefreshToken', refreshTokenSchema),
    matches: connection.model<MatchDoc>('Match', matchSchema),
    matchStates: connection.model<MatchStateDoc>('MatchState', matchStateSchema),
    documents: connection.model<DocumentDoc>('Document', documentSchema),
  };
}
