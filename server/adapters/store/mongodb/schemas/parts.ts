import { Schema } from 'mongoose';

/**
 * Stored shapes of the MongoDB adapter, one module per collection; this one holds what several share.
 * Ids are strings (ObjectId hex, so string order is creation order) and timestamps are Dates; each
 * aggregate's `…FromDoc` maps them to the port's string ids and ISO strings. Validation mirrors the
 * API schemas so a bad document never lands, whoever calls the store; values are stored as given (no
 * trimming), like the embedded store, except the lower-cased unique keys.
 */

export const MAX_SALARY = 100_000_000;
export const MAJORITY = { w: 'majority' as const };
/** Unknown paths in a filter or a document are a bug or an attack: fail loudly instead of dropping them. */
export const STRICT = { strict: 'throw', strictQuery: 'throw', versionKey: false, id: false } as const;

export const integerValidator = { validator: Number.isInteger, message: '{PATH} must be an integer' };

export function boundedString(maxlength: number, required = true) {
  return { type: String, required, maxlength };
}

export const SkillRefSchema = new Schema(
  { id: boundedString(80), name: boundedString(80) },
  { _id: false, strict: 'throw' },
);

export const LocationSchema = new Schema(
  {
    country: { type: String, required: true, match: /^[A-Z]{2}$/ },
    city: { type: String, maxlength: 120, default: '' },
  },
  { _id: false, strict: 'throw' },
);

export const SourceKeySchema = new Schema(
  { source: boundedString(100), sourceId: boundedString(200) },
  { _id: false, strict: 'throw' },
);
