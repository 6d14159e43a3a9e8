import { Schema } from 'mongoose';
import { NOTIFICATION_KINDS } from '../../../../shared/vocabulary.ts';
import type { NotificationKind } from '../../port.ts';
import { STRICT, boundedString } from './parts.ts';

export interface NotificationDoc {
  _id: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string;
  dedupeKey: string;
  readAt: Date | null;
  createdAt: Date;
}

// No majority write concern: notifications are written inside transactions, where one is an error.
export const notificationSchema = new Schema<NotificationDoc>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    kind: { type: String, required: true, enum: NOTIFICATION_KINDS },
    title: boundedString(500),
    body: { type: String, default: '', maxlength: 5_000 },
    link: boundedString(2_000),
    dedupeKey: boundedString(500),
    readAt: { type: Date, default: null },
    createdAt: { type: Date, required: true, immutable: true },
  },
  { ...STRICT, collection: 'notifications' },
);
notificationSchema.index({ dedupeKey: 1 }, { unique: true });
// A user's notifications, newest first; and their unread ones, counted and marked read.
notificationSchema.index({ userId: 1, createdAt: -1, _id: -1 });
notificationSchema.index({ userId: 1, readAt: 1 });
