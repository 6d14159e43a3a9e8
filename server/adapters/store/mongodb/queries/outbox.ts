import { trusted } from 'mongoose';
import type { EmailStatus, PageRequest } from '../../port.ts';
import { EMAIL_STATUSES } from '../schemas/outbox.ts';
import {
  asDate,
  asOneOf,
  asVersion,
  byId,
  pageWindow,
  type Filter,
  type FilterAndUpdate,
  type PagedQuery,
  type Sort,
} from './checked-input.ts';

/** Waiting, or held by an attempt that began (its `updatedAt`) before `staleBefore` and is presumed dead. */
export function claimableEmails(staleBefore: unknown): Filter {
  return {
    $or: [
      { status: 'pending' },
      { status: 'sending', updatedAt: trusted({ $lt: asDate(staleBefore, 'staleBefore') }) },
    ],
  };
}

/** One conditional update, so two attempts racing for the email cannot both take it. */
export function emailClaim(id: unknown, staleBefore: unknown, now: Date): FilterAndUpdate {
  return {
    filter: { ...byId(id), ...claimableEmails(staleBefore) },
    update: { $set: { status: 'sending', updatedAt: now }, $inc: { attempts: 1 } },
  };
}

/** Only an email an attempt holds: a late outcome of a dead attempt never moves a sent email back. */
const heldEmail = (id: unknown): Filter => ({ ...byId(id), status: 'sending' });

export function emailDone(id: unknown, status: unknown, now: Date): FilterAndUpdate {
  const outcome = asOneOf(['sent', 'kept'] as const, status, 'status');
  return {
    filter: heldEmail(id),
    update: { $set: { status: outcome, sentAt: outcome === 'sent' ? now : null, updatedAt: now } },
  };
}

export function emailRelease(id: unknown, error: string, now: Date): FilterAndUpdate {
  return {
    filter: heldEmail(id),
    update: { $set: { status: 'pending', lastError: error, updatedAt: now } },
  };
}

export function unsentEmails(
  staleBefore: unknown,
  limit: number,
): { filter: Filter; sort: Sort; limit: number } {
  return {
    filter: claimableEmails(staleBefore),
    sort: { createdAt: 1, _id: 1 },
    limit: Math.max(1, asVersion(limit, 'limit')),
  };
}

export function outboxPage(page: PageRequest, filter?: { status?: EmailStatus }): PagedQuery {
  const scope: Filter = {};
  if (filter?.status !== undefined) scope.status = asOneOf(EMAIL_STATUSES, filter.status, 'status');
  return { filter: scope, sort: { createdAt: -1, _id: -1 }, ...pageWindow(page) };
}
