import { Schema } from 'mongoose';
import { MAJORITY, STRICT, boundedString } from './parts.ts';

export interface CompanyDoc {
  _id: string;
  name: string;
  /** Lower-cased name: companies are unique by it. */
  nameKey: string;
  createdAt: Date;
}

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
