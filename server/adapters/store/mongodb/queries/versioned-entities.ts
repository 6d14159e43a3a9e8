import { trusted } from 'mongoose';
import type { LagKind } from '../../port.ts';
import {
  asKey,
  asSourceKey,
  asVersion,
  badInput,
  byId,
  type Filter,
  type FilterAndUpdate,
  type Sort,
} from './checked-input.ts';

// The filters and updates listings and profiles share: versioned writes, imports, the lag sweep, scans.

/** A write bumps the version and marks both workers behind, in one atomic update. */
export function bumpVersion(set: Record<string, unknown>, now: Date, pendingFlags: readonly string[]) {
  const flags = Object.fromEntries(pendingFlags.map((flag) => [flag, true]));
  return { $set: { ...set, ...flags, updatedAt: now }, $inc: { version: 1 } };
}

export function bySource(source: unknown): Filter {
  const key = asSourceKey(source);
  return { 'source.source': key.source, 'source.sourceId': key.sourceId };
}

const LAG_FIELDS = {
  indexed: { version: 'indexedVersion', pending: 'indexPending' },
  matched: { version: 'matchedVersion', pending: 'matchPending' },
} as const;

function lagFields(kind: unknown) {
  if (kind !== 'indexed' && kind !== 'matched') throw badInput('kind', 'indexed or matched');
  return LAG_FIELDS[kind];
}

export function lagging(kind: LagKind, limit: number): { filter: Filter; sort: Sort; limit: number } {
  return {
    filter: { [lagFields(kind).pending]: true },
    sort: { updatedAt: 1, _id: 1 },
    limit: Math.max(1, asVersion(limit, 'limit')),
  };
}

/**
 * Recording a processed version is two conditional updates, never lowering what is stored:
 * `caughtUp` matches when `version` is the newest and also clears the pending flag; `behind` only
 * raises the recorded version (a newer write is still pending). The adapter runs `behind` when
 * `caughtUp` matched nothing.
 */
export function markProcessedUpdates(
  kind: LagKind,
  id: unknown,
  version: number,
): { caughtUp: FilterAndUpdate; behind: FilterAndUpdate } {
  const fields = lagFields(kind);
  const processed = asVersion(version);
  const notRecorded = { ...byId(id), [fields.version]: trusted({ $lt: processed }) };
  return {
    caughtUp: {
      filter: { ...notRecorded, version: trusted({ $lte: processed }) },
      update: { $set: { [fields.version]: processed, [fields.pending]: false } },
    },
    behind: { filter: notRecorded, update: { $set: { [fields.version]: processed } } },
  };
}

/** Every entity back to "not processed" for `kind`: version 0 and pending. */
export function resetProcessedUpdate(kind: LagKind): FilterAndUpdate {
  const fields = lagFields(kind);
  return { filter: {}, update: { $set: { [fields.version]: 0, [fields.pending]: true } } };
}

/** Keyset pagination by id: each batch starts after the last id of the previous one. */
export function afterId(scope: Filter, lastId: string | null): Filter {
  return lastId === null ? scope : { ...scope, _id: trusted({ $gt: asKey(lastId) }) };
}
