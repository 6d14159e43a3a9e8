/** A text box's length against its limit, as the counter under it says it. */
export interface CharacterCount {
  /** "120 of 2,000 characters". */
  text: string;
  remaining: number;
  /** What to fix, when the text is over the limit. */
  problem: string | null;
}

export function characterCount(text: string, limit: number): CharacterCount {
  const used = text.length;
  const remaining = limit - used;
  return {
    text: `${used.toLocaleString('en')} of ${limit.toLocaleString('en')} characters`,
    remaining,
    problem:
      remaining < 0
        ? `Shorten this by ${(-remaining).toLocaleString('en')} ${remaining === -1 ? 'character' : 'characters'}.`
        : null,
  };
}
