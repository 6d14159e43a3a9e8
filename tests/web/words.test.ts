import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/lib/api.ts';
import { withArticle } from '../../web/src/lib/format.ts';
import { describeError } from '../../web/src/lib/notifications.svelte.ts';
import { gapGainText, gapLevelText, gapViaShort, gapViaText } from '../../web/src/lib/skill-gap-text.ts';
import type { SkillGapEntry } from '../../web/src/lib/types.ts';

describe('words about people', () => {
  it('puts "an" before a vowel: "an admin", "a recruiter"', () => {
    expect(withArticle('admin')).toBe('an admin');
    expect(withArticle('recruiter')).toBe('a recruiter');
    expect(withArticle('candidate')).toBe('a candidate');
  });

  const close: SkillGapEntry = {
    skill: { id: 'koa', name: 'Koa' },
    requiredLevel: 3,
    candidateLevel: null,
    match: 'related',
    relation: 'related',
    via: { id: 'express', name: 'Express' },
    impact: 4.4,
  } as unknown as SkillGapEntry;

  it('tells a candidate about their own gap as "you"', () => {
    expect(gapViaText(close, 'candidate')).toBe('you know Express, which is close');
    expect(gapViaShort(close, 'candidate')).toBe('(you know Express)');
    expect(gapGainText(4.4, 'candidate')).toBe('+4 points if you learn it');
  });

  it('tells a company about the candidate as "they"', () => {
    expect(gapViaText(close, 'company')).toBe('they know Express, which is close');
    expect(gapViaShort(close, 'company')).toBe('(they know Express)');
    expect(gapViaText({ ...close, match: 'implied' } as SkillGapEntry, 'company')).toBe(
      'implied by their Express',
    );
    const below = {
      ...close,
      via: null,
      candidateLevel: 2,
      match: 'below-level',
    } as unknown as SkillGapEntry;
    expect(gapLevelText(below, 'company')).toBe('level up: needs working proficiency, they have used it');
  });
});

describe('error messages', () => {
  it('say a duplicate sign-up once, not again as a detail of the same words', () => {
    const duplicate = new ApiError(409, 'conflict', 'Email already registered', [
      { path: '/email', message: 'already registered' },
    ]);
    expect(describeError(duplicate)).toEqual({ message: 'Email already registered', details: [] });
  });

  it('keep details that add something', () => {
    const invalid = new ApiError(400, 'validation_failed', 'Invalid request', [
      { path: '/title', message: 'must not be empty' },
    ]);
    expect(describeError(invalid).details).toEqual(['title: must not be empty']);
  });
});
