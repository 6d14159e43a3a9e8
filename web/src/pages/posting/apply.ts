/** The posting page's hiring side: where the candidate stands with a posting, and the apply dialog. */
import { ApiError } from '../../lib/api.ts';
import { APPLICATION_NOTE_LIMIT, appliedLine } from '../../lib/applications.ts';
import { characterCount } from '../../lib/forms/counter.ts';
import { describeError } from '../../lib/notifications.svelte.ts';
import type { CandidateApplication, Listing, ListingViewer } from '../../lib/types.ts';

/** Where a signed-in candidate stands with a posting. */
export type ApplyStatus = { kind: 'applied'; line: string } | { kind: 'closed' } | { kind: 'open' };

export function applyStatus(listing: Pick<Listing, 'status' | 'viewer'>): ApplyStatus {
  const application = listing.viewer?.application;
  if (application) return { kind: 'applied', line: appliedLine(application) };
  return listing.status === 'open' ? { kind: 'open' } : { kind: 'closed' };
}

/** The viewer state once the candidate applied, so the page shows it without loading again. */
export function viewerAfterApplying(
  viewer: ListingViewer | undefined,
  application: Pick<CandidateApplication, 'id' | 'stage' | 'createdAt'>,
): ListingViewer {
  return {
    savedAt: viewer?.savedAt ?? null,
    application: { id: application.id, stage: application.stage, createdAt: application.createdAt },
  };
}

export function viewerAfterSaving(viewer: ListingViewer | undefined, savedAt: string | null): ListingViewer {
  return { application: viewer?.application ?? null, savedAt };
}

/** The apply dialog: an optional note to the company. */
export interface ApplyForm {
  note: string;
}

export function applyForm(): ApplyForm {
  return { note: '' };
}

/** What stops the form from being sent, or null. */
export function applyProblem(form: ApplyForm): string | null {
  return characterCount(form.note, APPLICATION_NOTE_LIMIT).problem;
}

export function applyNote(form: ApplyForm): string {
  return form.note.trim();
}

/** What to tell the candidate when applying failed, and what to do about it. */
export interface ApplyFailure {
  message: string;
  /** Where to go to fix it, if anywhere. */
  action: { href: string; text: string } | null;
  /** The posting changed under the page (closed, or applied from another tab): load it again. */
  reload: boolean;
}

export function applyFailure(error: unknown): ApplyFailure {
  const { message } = describeError(error);
  if (!(error instanceof ApiError) || error.status !== 409) return { message, action: null, reload: false };
  const paths = error.details.map((detail) => detail.path);
  if (paths.includes('/profile')) {
    return { message, action: { href: '/profile', text: 'Add skills to your profile' }, reload: false };
  }
  if (paths.includes('/listingId')) {
    return { message, action: { href: '/applications', text: 'See My applications' }, reload: true };
  }
  // Otherwise the posting closed while the page was open.
  return { message, action: { href: '/', text: 'Find other postings' }, reload: true };
}
