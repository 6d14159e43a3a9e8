import { trusted, type PipelineStage } from 'mongoose';
import { isOpenStage } from '../../../../domain/applications.ts';
import { APPLICATION_STAGES } from '../../../../shared/vocabulary.ts';
import type { ApplicationChange, ApplicationStage, NewApplication, PageRequest } from '../../port.ts';
import { STAGE_ACTORS, type ApplicationDoc } from '../schemas/applications.ts';
import {
  asKey,
  asKeys,
  asOneOf,
  asVersion,
  byId,
  pageWindow,
  type Filter,
  type FilterAndUpdate,
  type PagedQuery,
  type Sort,
} from './checked-input.ts';

const OPEN_STAGES = APPLICATION_STAGES.filter(isOpenStage);

const asStage = (value: unknown, field = 'stage'): ApplicationStage =>
  asOneOf(APPLICATION_STAGES, value, field);

export function newApplicationDoc(input: NewApplication, id: string, now: Date): ApplicationDoc {
  return {
    _id: id,
    listingId: asKey(input.listingId, 'listingId'),
    companyId: asKey(input.companyId, 'companyId'),
    candidateId: asKey(input.candidateId, 'candidateId'),
    profileId: asKey(input.profileId, 'profileId'),
    stage: 'applied',
    note: input.note,
    snapshot: JSON.stringify(input.snapshot),
    score: input.snapshot.score,
    contact: { name: input.contact.name, email: input.contact.email },
    timeline: [{ stage: 'applied', at: now, by: 'candidate' }],
    companyNotes: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

export function applicationsOfCandidate(candidateId: unknown, page: PageRequest): PagedQuery {
  return {
    filter: { candidateId: asKey(candidateId, 'candidateId') },
    sort: { createdAt: -1, _id: -1 },
    ...pageWindow(page),
  };
}

/** Best snapshot score first (MongoDB sorts null below every number, so unscored come last), then oldest. */
export function applicationsOfListing(
  listingId: unknown,
  filter: { stage?: ApplicationStage },
  page: PageRequest,
): PagedQuery {
  const scope: Filter = { listingId: asKey(listingId, 'listingId') };
  if (filter.stage !== undefined) scope.stage = asStage(filter.stage);
  return { filter: scope, sort: { score: -1, createdAt: 1, _id: 1 }, ...pageWindow(page) };
}

export const applicationsAmong = (candidateId: unknown, listingIds: unknown): Filter => ({
  candidateId: asKey(candidateId, 'candidateId'),
  listingId: trusted({ $in: asKeys(listingIds, 'listingIds') }),
});

/** One row per (listing, stage) that holds applications, with how many it holds. */
export function applicationStageCounts(listingIds: unknown): PipelineStage[] {
  return [
    { $match: { listingId: { $in: asKeys(listingIds, 'listingIds') } } },
    { $group: { _id: { listingId: '$listingId', stage: '$stage' }, n: { $sum: 1 } } },
  ];
}

export function openApplicationsOf(listingId: unknown): { filter: Filter; sort: Sort } {
  return {
    filter: { listingId: asKey(listingId, 'listingId'), stage: trusted({ $in: OPEN_STAGES }) },
    sort: { createdAt: 1, _id: 1 },
  };
}

/**
 * One atomic update: the stage and its timeline entry, the company's note, the version bump. With
 * `expectedVersion` the filter only matches that stored version.
 */
export function applicationUpdate(
  id: unknown,
  change: ApplicationChange,
  now: Date,
  expectedVersion?: number,
): FilterAndUpdate {
  const filter = byId(id);
  if (expectedVersion !== undefined) filter.version = asVersion(expectedVersion, 'expectedVersion');
  const set: Record<string, unknown> = { updatedAt: now };
  const push: Record<string, unknown> = {};
  if (change.stage !== undefined) {
    set.stage = asStage(change.stage.to, 'stage/to');
    push.timeline = { stage: set.stage, at: now, by: asOneOf(STAGE_ACTORS, change.stage.by, 'stage/by') };
  }
  if (change.companyNote !== undefined) {
    push.companyNotes = {
      text: change.companyNote.text,
      at: now,
      authorId: asKey(change.companyNote.authorId, 'companyNote/authorId'),
    };
  }
  const update: Record<string, unknown> = { $set: set, $inc: { version: 1 } };
  if (Object.keys(push).length > 0) update.$push = push;
  return { filter, update };
}
