import { Schema } from 'mongoose';
import { REMOTE_POLICIES, SALARY_PERIODS, SENIORITIES } from '../../../../shared/vocabulary.ts';
import type { ProfileData, SourceKey } from '../../port.ts';
import {
  LocationSchema,
  MAX_SALARY,
  STRICT,
  SkillRefSchema,
  SourceKeySchema,
  integerValidator,
} from './parts.ts';

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

const ExpectedSalarySchema = new Schema(
  {
    min: { type: Number, required: true, min: 0, max: MAX_SALARY },
    currency: { type: String, required: true, match: /^[A-Z]{3}$/ },
    period: { type: String, required: true, enum: SALARY_PERIODS },
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
