import type { MatchProfile } from './matching.ts';

/**
 * The profile as scored for a recruiter. The expected salary is private (DESIGN §4): it shapes the
 * candidate's own view of a posting, but a recruiter's score must not depend on it, or moving the
 * posting's range and watching the score would reveal it.
 */
export function recruiterView<Profile extends MatchProfile>(profile: Profile): Profile {
  return { ...profile, expectedSalary: null };
}
