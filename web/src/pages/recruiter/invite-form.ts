/** Inviting a matching candidate to apply, from the listing's candidates page. */
import { ApiError } from '../../lib/api.ts';
import { day } from '../../lib/format.ts';
import { characterCount } from '../../lib/forms/counter.ts';
import type { CandidatesAnswer } from '../../lib/types.ts';

/** The longest message an invitation carries (InviteBody in server/schemas/hiring.ts). */
export const INVITE_MESSAGE_LIMIT = 1_000;

export function invitedLine(invitedAt: string): string {
  return `Invited on ${day(invitedAt)}`;
}

export function inviteProblem(message: string): string | null {
  return characterCount(message, INVITE_MESSAGE_LIMIT).problem;
}

/** The candidates page once `profileId` is invited, so it shows without loading again. */
export function withInvitation(
  answer: CandidatesAnswer,
  profileId: string,
  invitedAt: string,
): CandidatesAnswer {
  return {
    ...answer,
    items: answer.items.map((item) => (item.profileId === profileId ? { ...item, invitedAt } : item)),
  };
}

/** A refused invitation (409: invited already, applied already, posting closed) in the API's words. */
export function inviteRefusal(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  return `${error.message}. The list now shows where things stand.`;
}
