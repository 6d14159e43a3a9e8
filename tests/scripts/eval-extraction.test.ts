import { describe, expect, it } from 'vitest';
import { placeGoldSpans } from '../../scripts/eval/extraction.ts';

const everyTechnology = () => true;

describe('gold span placement', () => {
  const text = 'Java Developer\nTechnologies\njava go\nWe go live in spring. Go and Java.';

  it('places a span in any casing by default, each place once', () => {
    const places = placeGoldSpans(text, ['Java', 'Java', 'java'], everyTechnology);
    expect(places.map((place) => place.start).sort((a, b) => a - b)).toEqual([
      0,
      28,
      text.lastIndexOf('Java'),
    ]);
  });

  it('keeps names that are ordinary words in the casing the annotators wrote', () => {
    const places = placeGoldSpans(text, ['Go'], everyTechnology);
    expect(places.map((place) => place.start)).toEqual([text.lastIndexOf('Go')]);
  });

  it('places only the written casing when asked', () => {
    const places = placeGoldSpans(text, ['Java'], everyTechnology, 'as-written');
    expect(places.map((place) => text.slice(place.start, place.end))).toEqual(['Java', 'Java']);
  });
});
