import type { Store } from '../../adapters/store/port.ts';
import type { ListingService } from '../listings.ts';
import { createMatchIndex } from './match-index.ts';
import { createMatchReads } from './read.ts';
import { createMatchWrites } from './write.ts';

/**
 * Matching, in one home: what candidates and recruiters read (explained now from current data) and
 * what the match jobs write (ranked lists), over one in-memory fan-out index per process.
 */
export function createMatchingService(store: Store, listings: ListingService) {
  return { ...createMatchReads(store, listings), ...createMatchWrites(store, createMatchIndex(store)) };
}

export type MatchingService = ReturnType<typeof createMatchingService>;
