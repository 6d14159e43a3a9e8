import { Schema } from 'mongoose';
import { MAX_APPLICATION_NOTE } from '../../../../domain/applications.ts';
import { APPLICATION_STAGES } from '../../../../shared/vocabulary.ts';
import type { ApplicationStage, CompanyNote, StageActor, StageChange } from '../../port.ts';
import { MAJORITY, STRICT, boundedString, integerValidator } from './parts.ts';

/** Timestamps as Dates, like every stored timestamp; the port's are ISO strings. */
type Stored<T extends { at: string }> = Omit<T, 'at'> & { at: Date };

export interface ApplicationDoc {
  _id: string;
  listingId: string;
  companyId: string;
  candidateId: string;
  profileId: string;
  stage: ApplicationStage;
  note: string;
  /**
   * JSON text: a frozen copy read whole and never queried, kept exactly as given (same reason as
   * MatchDoc.summary). Its score is also `score`, for the ranking index.
   */
  snapshot: string;
  score: number | null;
  contact: { name: string; email: string };
  timeline: Stored<StageChange>[];
  companyNotes: Stored<CompanyNote>[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const STAGE_ACTORS = ['candidate', 'company'] as const satisfies readonly StageActor[];

const StageChangeSchema = new Schema(
  {
    stage: { type: String, required: true, enum: APPLICATION_STAGES },
    at: { type: Date, required: true },
    by: { type: String, required: true, enum: STAGE_ACTORS },
  },
  { _id: false, strict: 'throw' },
);

const CompanyNoteSchema = new Schema(
  {
    text: boundedString(MAX_APPLICATION_NOTE),
    at: { type: Date, required: true },
    authorId: { type: String, required: true },
  },
  { _id: false, strict: 'throw' },
);

const ContactSchema = new Schema(
  { name: boundedString(100), email: boundedString(254) },
  { _id: false, strict: 'throw' },
);

export const applicationSchema = new Schema<ApplicationDoc>(
  {
    _id: { type: String, required: true },
    listingId: { type: String, required: true },
    companyId: { type: String, required: true },
    candidateId: { type: String, required: true },
    profileId: { type: String, required: true },
    stage: { type: String, required: true, enum: APPLICATION_STAGES },
    // May be empty: the note is optional.
    note: { type: String, default: '', maxlength: MAX_APPLICATION_NOTE },
    snapshot: { type: String, required: true, maxlength: 65_536 },
    score: { type: Number, default: null, min: 0, max: 100 },
    contact: { type: ContactSchema, required: true },
    timeline: { type: [StageChangeSchema], default: [] },
    companyNotes: { type: [CompanyNoteSchema], default: [] },
    version: { type: Number, required: true, min: 1, validate: integerValidator },
    createdAt: { type: Date, required: true, immutable: true },
    updatedAt: { type: Date, required: true },
  },
  { ...STRICT, collection: 'applications', writeConcern: MAJORITY },
);
applicationSchema.index({ listingId: 1, candidateId: 1 }, { unique: true });
// A candidate's applications, newest first.
applicationSchema.index({ candidateId: 1, createdAt: -1, _id: -1 });
// A listing's applicants, best first (null scores sort last in descending order), whole or by stage.
applicationSchema.index({ listingId: 1, score: -1, createdAt: 1, _id: 1 });
applicationSchema.index({ listingId: 1, stage: 1, score: -1, createdAt: 1, _id: 1 });
