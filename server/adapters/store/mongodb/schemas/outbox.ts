import { Schema } from 'mongoose';
import { EMAIL_KINDS, type EmailKind } from '../../../../shared/vocabulary.ts';
import type { EmailStatus } from '../../port.ts';
import { STRICT, boundedString, integerValidator } from './parts.ts';

/** The port's EmailStatus values, for the enum and for checking a status filter. */
export const EMAIL_STATUSES = [
  'pending',
  'sending',
  'sent',
  'kept',
] as const satisfies readonly EmailStatus[];

export interface OutboxEmailDoc {
  _id: string;
  userId: string;
  kind: EmailKind;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** JSON text: header names are free-form, and `$` or `.` in keys must never reach MongoDB as fields. */
  headers: string;
  status: EmailStatus;
  attempts: number;
  lastError: string | null;
  messageId: string;
  dedupeKey: string;
  createdAt: Date;
  /** When the status last changed: for a `sending` email, when its attempt began. */
  updatedAt: Date;
  sentAt: Date | null;
}

// No majority write concern: emails are written inside transactions, where one is an error.
export const outboxEmailSchema = new Schema<OutboxEmailDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    kind: { type: String, required: true, enum: EMAIL_KINDS },
    to: { type: String, required: true, maxlength: 254, match: /^[^\s@]+@[^\s@]+$/ },
    subject: boundedString(1_000),
    text: { type: String, default: '', maxlength: 200_000 },
    html: { type: String, default: '', maxlength: 500_000 },
    headers: { type: String, required: true, maxlength: 16_384 },
    status: { type: String, required: true, enum: EMAIL_STATUSES },
    attempts: { type: Number, required: true, min: 0, validate: integerValidator },
    // Unbounded: what the mail server answered, kept whole as the embedded store keeps it.
    lastError: { type: String, default: null },
    messageId: { type: String, required: true, immutable: true },
    dedupeKey: boundedString(500),
    createdAt: { type: Date, required: true, immutable: true },
    updatedAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  { ...STRICT, collection: 'outbox_emails' },
);
outboxEmailSchema.index({ dedupeKey: 1 }, { unique: true });
// The admin's list, newest first; by status, and the sweep's unsent emails, oldest first.
outboxEmailSchema.index({ createdAt: -1, _id: -1 });
outboxEmailSchema.index({ status: 1, createdAt: 1, _id: 1 });
