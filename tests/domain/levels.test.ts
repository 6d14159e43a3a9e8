import { describe, expect, it } from 'vitest';
import { effectiveLevel, levelFromYears } from '../../server/shared/levels.ts';

describe('levelFromYears', () => {
  it.each([
    [0, 1],
    [0.5, 1],
    [1, 2],
    [1.9, 2],
    [2, 3],
    [3.5, 3],
    [4, 4],
    [6, 4],
    [7, 5],
    [25, 5],
    [-3, 1],
    [Number.NaN, 1],
  ])('%d years → level %d', (years, level) => {
    expect(levelFromYears(years)).toBe(level);
  });
});

describe('effectiveLevel', () => {
  it('prefers the stated level, clamped and rounded to 1–5', () => {
    expect(effectiveLevel({ level: 4, years: 1 })).toBe(4);
    expect(effectiveLevel({ level: 9 })).toBe(5);
    expect(effectiveLevel({ level: 0 })).toBe(1);
    expect(effectiveLevel({ level: 2.6 })).toBe(3);
  });

  it('falls back to years, then to working proficiency', () => {
    expect(effectiveLevel({ years: 5 })).toBe(4);
    expect(effectiveLevel({})).toBe(3);
  });
});
