/**
 * Text as extraction reads it: hidden characters stripped, with a map back to the original offsets, and
 * a lower-cased copy of the same length.
 */

/**
 * Characters that render as nothing (zero-width, bidi controls, soft hyphen, Unicode tag characters).
 * They are removed before matching, so hidden text cannot add or split a skill.
 */
function isHiddenCode(code: number): boolean {
  return (
    code === 0x00ad ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x206f) ||
    code === 0xfeff
  );
}

export interface CleanText {
  text: string;
  lower: string;
  /** Original index of each cleaned character; null when nothing was stripped. */
  originalIndex: Int32Array | null;
}

const anyHidden = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]|\udb40[\udc00-\udc7f]/;

export function originalOffset(clean: CleanText, index: number): number {
  return clean.originalIndex === null ? index : (clean.originalIndex[index] as number);
}

function lowerCaseSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  // A few characters change length when lower-cased; map them one by one to keep offsets aligned.
  return Array.from({ length: text.length }, (_, index) => {
    const folded = text.charAt(index).toLowerCase();
    return folded.length === 1 ? folded : text.charAt(index);
  }).join('');
}

export function stripHidden(original: string): CleanText {
  if (!anyHidden.test(original))
    return { text: original, lower: lowerCaseSameLength(original), originalIndex: null };
  const kept: string[] = [];
  const originalIndex = new Int32Array(original.length);
  let length = 0;
  let runStart = 0;
  for (let index = 0; index < original.length; index++) {
    const code = original.charCodeAt(index);
    // Tag characters U+E0000–U+E007F arrive as the surrogate pair DB40 DC00–DC7F.
    const isTag = code === 0xdb40 && (original.charCodeAt(index + 1) & 0xff80) === 0xdc00;
    if (isTag || isHiddenCode(code)) {
      if (index > runStart) kept.push(original.slice(runStart, index));
      index += isTag ? 1 : 0;
      runStart = index + 1;
      continue;
    }
    originalIndex[length++] = index;
  }
  kept.push(original.slice(runStart));
  const text = kept.join('');
  return { text, lower: lowerCaseSameLength(text), originalIndex: originalIndex.subarray(0, length) };
}
