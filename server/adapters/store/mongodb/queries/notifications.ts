import { trusted } from 'mongoose';
import type { PageRequest } from '../../port.ts';
import {
  asKey,
  asKeys,
  pageWindow,
  type Filter,
  type FilterAndUpdate,
  type PagedQuery,
} from './checked-input.ts';

export function notificationsOf(userId: unknown, page: PageRequest): PagedQuery {
  return {
    filter: { userId: asKey(userId, 'userId') },
    sort: { createdAt: -1, _id: -1 },
    ...pageWindow(page),
  };
}

export const unreadNotificationsOf = (userId: unknown): Filter => ({
  userId: asKey(userId, 'userId'),
  readAt: null,
});

/** Only the user's own unread notifications (only `ids`, when given): read ones keep their first readAt. */
export function notificationsMarkRead(userId: unknown, ids: unknown, now: Date): FilterAndUpdate {
  const filter = unreadNotificationsOf(userId);
  if (ids !== undefined) filter._id = trusted({ $in: asKeys(ids) });
  return { filter, update: { $set: { readAt: now } } };
}
