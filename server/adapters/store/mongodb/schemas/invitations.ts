import { Schema } from 'mongoose';
import { MAX_APPLICATION_NOTE } from '../../../../domain/applications.ts';
import { MAJORITY, STRICT } from './parts.ts';

export interface InvitationDoc {
  _id: string;
  listingId: string;
  companyId: string;
  profileId: string;
  candidateId: string;
  invitedBy: string;
  message: string;
  createdAt: Date;
}

export const invitationSchema = new Schema<InvitationDoc>(
  {
    _id: { type: String, required: true },
    listingId: { type: String, required: true },
    companyId: { type: String, required: true },
    profileId: { type: String, required: true },
    candidateId: { type: String, required: true },
    invitedBy: { type: String, required: true },
    message: { type: String, default: '', maxlength: MAX_APPLICATION_NOTE },
    createdAt: { type: Date, required: true, immutable: true },
  },
  { ...STRICT, collection: 'invitations', writeConcern: MAJORITY },
);
invitationSchema.index({ listingId: 1, profileId: 1 }, { unique: true });
