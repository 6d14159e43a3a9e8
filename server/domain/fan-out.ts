/**
 * Fan-out matching: top K candidates for a posting (or top K postings for a candidate) without scoring
 * every pair one object at a time. Skills live in inverted indexes (CSR: one offsets array and one
 * typed array of entries per index); a query walks only the lists of the requested skills, their
 * implying skills and their related skills, then scores the touched rows with the same rules as
 * `scoreCandidate` — same operations in the same order, so the same numbers to the last bit. The pieces
 * live in the `fan-out-*` modules; this one is what the rest of the code imports.
 */
export { compareIds, type RankedMatch } from './fan-out-top-k.ts';
export { createProfileIndex, type ProfileIndex } from './fan-out-profile-index.ts';
export { createListingIndex, type ListingIndex } from './fan-out-listing-index.ts';
