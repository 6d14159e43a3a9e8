import { describe, expect, it } from 'vitest';
import { placeGoldSpans, scoreExtraction } from '../../scripts/eval/extraction.ts';

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

describe('extraction score', () => {
  const posting = {
    id: 'p1',
    text: 'You know Python and Kafka and do regular code reviews.',
    knowledge: ['Python', 'Kafka'],
    skills: ['do regular code reviews'],
  };

  it('scores precision against knowledge spans, and separately against knowledge and skill spans', () => {
    const score = scoreExtraction([posting], everyTechnology);
    expect([score.mentions, score.correctMentions, score.correctMentionsWithSkills]).toEqual([3, 2, 3]);
    expect([score.practiceMentions, score.correctPracticeMentions]).toEqual([1, 0]);
    expect(score.correctPracticeMentionsWithSkills).toBe(1);
    expect([score.correctTechnologyMentions, score.correctTechnologyMentionsWithSkills]).toEqual([2, 2]);
  });

  it('keeps technology recall on knowledge spans only', () => {
    const score = scoreExtraction([{ ...posting, knowledge: ['Python'] }], everyTechnology);
    expect([score.foundTechnologyPlaces, score.technologyPlaces]).toEqual([1, 1]);
    expect(score.falsePositives.size).toBe(2);
  });
});
