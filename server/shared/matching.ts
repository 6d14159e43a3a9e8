/**
 * The match score's facts that the listing editor states to recruiters while they write; the rules
 * themselves live in server/domain/match-rules.ts, which reads these.
 */

/** Required skills it takes for the skill term to count in full; fewer scale it down. */
export const EVIDENCE_REQUIREMENTS = 2;
/** Points the nice-to-have skills add at most, never past 100. */
export const NICE_TO_HAVE_BONUS = 10;
