import type { AccessClaims } from '../plugins/auth.ts';

export type Viewer = AccessClaims;

/** A recruiter acts for their company; an admin may moderate any listing. */
export function canManageListing(viewer: Viewer | null, listing: { companyId: string }): boolean {
  if (!viewer) return false;
  if (viewer.role === 'admin') return true;
  return viewer.role === 'recruiter' && viewer.companyId === listing.companyId;
}
