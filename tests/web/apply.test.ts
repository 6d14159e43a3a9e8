import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/lib/api.ts';
import {
  applyFailure,
  applyForm,
  applyNote,
  applyProblem,
  applyStatus,
  viewerAfterApplying,
  viewerAfterSaving,
} from '../../web/src/pages/posting/apply.ts';
import { aCandidateApplication, aListing } from './factories.ts';

const conflict = (message: string, path?: string) =>
  new ApiError(409, 'conflict', message, path ? [{ path, message: 'detail' }] : []);

describe('applyStatus', () => {
  it('offers to apply to an open posting the candidate has not applied to', () => {
    expect(applyStatus(aListing())).toEqual({ kind: 'open' });
    expect(applyStatus(aListing({ viewer: { savedAt: null, application: null } }))).toEqual({ kind: 'open' });
  });

  it('says a closed posting takes no applications', () => {
    expect(applyStatus(aListing({ status: 'closed' }))).toEqual({ kind: 'closed' });
  });

  it('shows the application, on a closed posting too', () => {
    const viewer = {
      savedAt: null,
      application: { id: 'a1', stage: 'interviewing' as const, createdAt: '2026-03-02T12:00:00.000Z' },
    };
    expect(applyStatus(aListing({ status: 'closed', viewer }))).toEqual({
      kind: 'applied',
      line: 'Applied on Mar 2, 2026 · Interviewing',
    });
  });
});

describe('the viewer after applying and saving', () => {
  it('records the application and keeps the saved mark', () => {
    const application = aCandidateApplication({ id: 'a9' });
    expect(
      viewerAfterApplying({ savedAt: '2026-03-01T00:00:00.000Z', application: null }, application),
    ).toEqual({
      savedAt: '2026-03-01T00:00:00.000Z',
      application: { id: 'a9', stage: 'applied', createdAt: application.createdAt },
    });
    expect(viewerAfterApplying(undefined, application).savedAt).toBeNull();
  });

  it('saves and forgets without touching the application', () => {
    const application = { id: 'a1', stage: 'offer' as const, createdAt: '2026-03-02T12:00:00.000Z' };
    expect(viewerAfterSaving({ savedAt: null, application }, 'now')).toEqual({ savedAt: 'now', application });
    expect(viewerAfterSaving({ savedAt: 'then', application }, null)).toEqual({ savedAt: null, application });
    expect(viewerAfterSaving(undefined, 'now')).toEqual({ savedAt: 'now', application: null });
  });
});

describe('the apply form', () => {
  it('sends the note trimmed, and an empty note is fine', () => {
    expect(applyProblem(applyForm())).toBeNull();
    expect(applyNote({ note: '  I can start in May.\n' })).toBe('I can start in May.');
  });

  it('refuses a note over 2,000 characters, saying by how much', () => {
    expect(applyProblem({ note: 'x'.repeat(2000) })).toBeNull();
    expect(applyProblem({ note: 'x'.repeat(2003) })).toBe('Shorten this by 3 characters.');
  });
});

describe('applyFailure', () => {
  it('sends a profile without skills to the profile page', () => {
    expect(applyFailure(conflict('Add your skills to your profile before applying', '/profile'))).toEqual({
      message: 'Add your skills to your profile before applying',
      action: { href: '/profile', text: 'Add skills to your profile' },
      reload: false,
    });
  });

  it('sends a second application to My applications and loads the posting again', () => {
    expect(applyFailure(conflict('You already applied to this listing', '/listingId'))).toEqual({
      message: 'You already applied to this listing',
      action: { href: '/applications', text: 'See My applications' },
      reload: true,
    });
  });

  it('loads a posting that closed meanwhile again and suggests others', () => {
    expect(applyFailure(conflict('This posting is closed and takes no applications'))).toEqual({
      message: 'This posting is closed and takes no applications',
      action: { href: '/', text: 'Find other postings' },
      reload: true,
    });
  });

  it('explains other failures in the app’s usual words, with nothing to do but try again', () => {
    expect(applyFailure(new ApiError(0, 'network', 'offline'))).toEqual({
      message: 'Backboard cannot be reached. Check your connection and try again.',
      action: null,
      reload: false,
    });
  });
});
