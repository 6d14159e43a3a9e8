import { Schema } from 'mongoose';
import { MAJORITY, STRICT } from './parts.ts';

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
