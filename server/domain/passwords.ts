import data from './data/common-passwords.json' with { type: 'json' };

/** The shortest password Backboard takes (the API schema says the same). */
export const MIN_PASSWORD_LENGTH = 10;

const COMMON = new Set(data.passwords);
const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'abcdefghijklmnopqrstuvwxyz'];

/** Whether the characters run along one keyboard row or the alphabet, either way, for most of `text`. */
function isRun(text: string): boolean {
  return KEYBOARD_ROWS.some((row) => {
    const both = row + [...row].reverse().join('');
    for (let size = text.length; size >= Math.ceil(text.length * 0.7); size--) {
      for (let start = 0; start + size <= text.length; start++) {
        if (both.includes(text.slice(start, start + size))) return true;
      }
    }
    return false;
  });
}

/**
 * Why a password is too easy to guess, or null when it is not: one of the most common passwords, one
 * character (or a short piece) repeated, a keyboard or alphabet run, a dictionary-looking word padded
 * with digits, or the account's own name or email inside it. Length alone is checked by the schema.
 */
export function weakPasswordReason(
  password: string,
  account: { email: string; name: string },
): string | null {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'is one of the most common passwords';
  if (/^(.{1,3})\1+$/u.test(lower)) return 'repeats the same characters';
  if (isRun(lower)) return 'runs along the keyboard or the alphabet';
  if (/^[a-z]+\d+[!.?]?$/u.test(lower) && lower.replace(/\d+[!.?]?$/u, '').length < 8) {
    return 'is a short word with digits added';
  }
  const local = account.email.toLowerCase().split('@')[0] ?? '';
  const names = [local, ...account.name.toLowerCase().split(/\s+/)].filter((part) => part.length >= 4);
  // The name as a word of its own ("cara2024"), not inside another word ("another" holds "other").
  const asWord = (part: string) => new RegExp(`(?<![\\p{L}])${escapeRegExp(part)}(?![\\p{L}])`, 'u');
  if (names.some((part) => asWord(part).test(lower))) return 'contains your name or email';
  return null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
