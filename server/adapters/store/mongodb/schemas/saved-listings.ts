import { Schema } from 'mongoose';
import { STRICT } from './parts.ts';

export interface SavedListingDoc {
  _id: string;
  userId: string;
  listingId: string;
  savedAt: Date;
}

export const savedListingSchema = new Schema<SavedListingDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    listingId: { type: String, required: true },
    savedAt: { type: Date, required: true, immutable: true },
  },
  { ...STRICT, collection: 'saved_listings' },
);
savedListingSchema.index({ userId: 1, listingId: 1 }, { unique: true });
// A user's saved postings, newest first.
savedListingSchema.index({ userId: 1, savedAt: -1, listingId: -1 });
