import { Schema } from 'mongoose';
import { ROLES } from '../../../../shared/vocabulary.ts';
import type { Role } from '../../port.ts';
import { MAJORITY, STRICT, boundedString } from './parts.ts';

export interface UserDoc {
  _id: string;
  email: string;
  /** Lower-cased email: the unique key that makes sign-up case-insensitive. */
  emailKey: string;
  name: string;
  role: Role;
  companyId: string | null;
  passwordHash: string;
  /** Missing on documents written before confirmation existed: those count as confirmed at creation. */
  emailConfirmedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true, maxlength: 254, match: /^[^\s@]+@[^\s@]+$/ },
    emailKey: { type: String, required: true, lowercase: true },
    name: boundedString(100),
    role: { type: String, required: true, enum: ROLES },
    companyId: { type: String, default: null },
    passwordHash: { type: String, required: true },
    emailConfirmedAt: { type: Date, default: undefined },
    createdAt: { type: Date, required: true, immutable: true },
    updatedAt: { type: Date, required: true },
  },
  { ...STRICT, collection: 'users', writeConcern: MAJORITY },
);
userSchema.index({ emailKey: 1 }, { unique: true });
userSchema.index({ companyId: 1 });
