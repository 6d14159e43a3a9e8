import { describe, expect, it } from 'vitest';
import wordsData from '../../server/domain/data/extraction-words.json' with { type: 'json' };
import {
  cuesAfter,
  cuesBefore,
  cuesBeforePreposition,
  listConnectors,
  numberWords,
  prepositions,
  yearsFillerWords,
} from '../../server/domain/extraction-words.ts';

// Context words are read around a name as runs of lower-case letters, digits and hyphens, so a word of
// any other shape could never match; connectors and number words are spliced into patterns.
const CONTEXT_WORD = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

describe('extraction word lists', () => {
  const contextLists = { cuesBefore, cuesBeforePreposition, prepositions, cuesAfter, yearsFillerWords };

  it('holds only words the context readers can see', () => {
    const misfits = Object.entries(contextLists).flatMap(([name, words]) =>
      [...words].filter((word) => !CONTEXT_WORD.test(word)).map((word) => `${name}: ${word}`),
    );
    expect(misfits).toEqual([]);
    expect(listConnectors.filter((word) => !/^[a-z]+(?: [a-z]+)*$/.test(word))).toEqual([]);
    expect([...numberWords.keys()].filter((word) => !/^[a-z]+$/.test(word))).toEqual([]);
  });

  it('lists each word once', () => {
    const file = wordsData as unknown as Record<string, unknown>;
    for (const name of [...Object.keys(contextLists), 'listConnectors']) {
      const words = file[name] as string[];
      expect(new Set(words).size, name).toBe(words.length);
    }
  });

  it('gives every number word a positive whole number', () => {
    for (const [word, value] of numberWords) expect(Number.isInteger(value) && value > 0, word).toBe(true);
  });
});
