/** The page a one-click unsubscribe link in an email opens. */
import { ApiError } from '../../lib/api.ts';

/** The token the link carries, or null when the link has lost it. */
export { tokenInLink as unsubscribeToken } from '../../lib/link-token.ts';

/** Whether a failure means the link itself is bad (so trying again would not help). */
export function isBadLink(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'bad_request' || error.code === 'validation_failed');
}
