import { Schema } from 'mongoose';
import { STRICT, integerValidator } from './parts.ts';

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
