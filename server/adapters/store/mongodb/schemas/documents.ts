import { Schema } from 'mongoose';
import { STRICT } from './parts.ts';

export interface DocumentDoc {
  _id: string;
  /** JSON text, for the same reason as MatchDoc.summary. */
  value: string;
  updatedAt: Date;
}

export const documentSchema = new Schema<DocumentDoc>(
  {
    _id: { type: String, required: true, maxlength: 200 },
    value: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { ...STRICT, collection: 'documents' },
);
