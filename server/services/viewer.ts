import type { Role } from '../shared/vocabulary.ts';

/** Who is asking: the claims of a valid access token (the auth plugin verifies them). */
export interface Viewer {
  sub: string;
  role: Role;
  companyId: string | null;
  /** The session the access token belongs to; a session ended early puts it on the deny-list. */
  sid?: string;
}

/** A recruiter acts for their company; an admin may moderate any listing. */
export function canManageListing(viewer: Viewer | null, listing: { companyId: string }): boolean {
  if (!viewer) return false;
  if (viewer.role === 'admin') return true;
  return viewer.role === 'recruiter' && viewer.companyId === listing.companyId;
}
