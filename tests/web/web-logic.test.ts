import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../../web/src/lib/highlight.ts';
import { yearly } from '../../web/src/lib/format.ts';
import { learnNext, learnNextNote } from '../../web/src/pages/recommendations/learn-next.ts';
import { groupFoundSkills } from '../../web/src/pages/profile/cv-extract.ts';
import { searchFromUrl, toggledValues } from '../../web/src/pages/search/search-state.ts';
import { facetLabel } from '../../web/src/lib/format.ts';
import type { ExtractedSkill, Recommendation } from '../../web/src/lib/types.ts';

describe('highlightSegments', () => {
  it('splits marked words from plain text and decodes entities, so markup never renders', () => {
    expect(highlightSegments('Go &amp; <mark>Postgres</mark> &lt;script&gt;')).toEqual([
      { text: 'Go & ', marked: false },
      { text: 'Postgres', marked: true },
      { text: ' <script>', marked: false },
    ]);
  });

  it('keeps unknown entities as they are', () => {
    expect(highlightSegments('a &nbsp-ish &bogus; b')).toEqual([
      { text: 'a &nbsp-ish &bogus; b', marked: false },
    ]);
  });
});

describe('searchFromUrl', () => {
  it('reads query, facet lists, salary and page from the URL', () => {
    const query = searchFromUrl(
      new URLSearchParams('q=go&skills=Go,PostgreSQL&remote=remote&salaryMin=60000&currency=EUR&page=3'),
    );
    expect(query).toMatchObject({
      q: 'go',
      skills: ['Go', 'PostgreSQL'],
      remote: ['remote'],
      salaryMin: 60000,
      currency: 'EUR',
      page: 3,
    });
    expect(query.seniority).toBeUndefined();
  });

  it('falls back to relevance with a notice for an unknown sort, or best match without a candidate', () => {
    const bogus = searchFromUrl(new URLSearchParams('sort=bogus'));
    expect(bogus.sort).toBeUndefined();
    expect(bogus.notices).toEqual(['“bogus” is not a way to sort, so the results are sorted by relevance.']);
    expect(searchFromUrl(new URLSearchParams('sort=match')).notices[0]).toMatch(/sign in as a candidate/);
    expect(searchFromUrl(new URLSearchParams('sort=match'), { candidate: true })).toMatchObject({
      sort: 'match',
      notices: [],
    });
  });

  it('keeps page numbers the API takes and says when it could not', () => {
    expect(searchFromUrl(new URLSearchParams('page=abc'))).toMatchObject({ page: 1 });
    expect(searchFromUrl(new URLSearchParams('page=abc')).notices).toHaveLength(1);
    expect(searchFromUrl(new URLSearchParams('page=5000'))).toMatchObject({ page: 1000 });
    expect(searchFromUrl(new URLSearchParams('page=7'))).toMatchObject({ page: 7, notices: [] });
  });

  it('ignores nonsense page and salary values', () => {
    expect(searchFromUrl(new URLSearchParams('page=-2&salaryMin=abc'))).toMatchObject({
      page: 1,
      salaryMin: undefined,
    });
  });
});

describe('yearly', () => {
  it('turns monthly and hourly pay into a yearly amount', () => {
    expect(yearly(5000, 'month')).toBe(60000);
    expect(yearly(50, 'hour')).toBe(104000);
    expect(yearly(70000, 'year')).toBe(70000);
  });
});

describe('learnNext', () => {
  const recommendation = (score: number, missing: string[], belowLevel: string[] = []): Recommendation =>
    ({
      score,
      summary: {
        score,
        topMissing: missing.map((name) => ({ id: name.toLowerCase(), name })),
        matchedCount: 0,
        requiredCount: 0,
        belowLevel,
      },
    }) as unknown as Recommendation;

  it('ranks skills by how many matches miss them, then by how close those matches are', () => {
    const items = learnNext([
      recommendation(80, ['Kubernetes', 'Kafka']),
      recommendation(60, ['Kubernetes']),
      recommendation(90, ['Terraform']),
    ]);
    expect(items.map((item) => [item.skill.name, item.listings])).toEqual([
      ['Kubernetes', 2],
      ['Terraform', 1],
      ['Kafka', 1],
    ]);
  });

  it('says "level up" for a skill the candidate has below the level asked, "missing" only when absent', () => {
    const items = learnNext([
      recommendation(80, ['AWS', 'Kafka'], ['aws']),
      recommendation(70, ['AWS'], ['aws']),
      recommendation(60, ['Kafka']),
      recommendation(50, ['Go'], []),
    ]);
    expect(items.map((item) => [item.skill.name, learnNextNote(item)])).toEqual([
      ['AWS', 'level up for 2 matches'],
      ['Kafka', 'missing in 2 matches'],
      ['Go', 'missing in 1 match'],
    ]);
  });
});

describe('facets from the filter table', () => {
  it('adds values to a list facet but keeps one answer of a yes/no facet', () => {
    expect(toggledValues('country', ['DE'], 'GB', true)).toEqual(['DE', 'GB']);
    expect(toggledValues('country', ['DE', 'GB'], 'de', false)).toEqual(['GB']);
    expect(toggledValues('visaSponsorship', ['false'], 'true', true)).toEqual(['true']);
    expect(searchFromUrl(new URLSearchParams('visaSponsorship=true,false')).visaSponsorship).toBeUndefined();
    expect(searchFromUrl(new URLSearchParams('remoteRegion=eu,DE')).remoteRegion).toEqual(['eu', 'DE']);
  });

  it('labels values by what the table says they are', () => {
    expect(facetLabel('seniority', 'mid')).toBe('Mid-level');
    expect(facetLabel('country', 'DE')).toBe('Germany');
    expect(facetLabel('remoteRegion', 'eu')).toBe('European Union');
    expect(facetLabel('remoteRegion', 'US')).toBe('United States');
    expect(facetLabel('visaSponsorship', 'true')).toBe('Sponsors a work visa');
    expect(facetLabel('company', 'Acme')).toBe('Acme');
  });
});

describe('the CV review', () => {
  const mention = (id: string, name: string, text: string, level?: number): ExtractedSkill => ({
    skill: { id, name },
    start: 0,
    end: text.length,
    text,
    kind: 'technology',
    ...(level === undefined ? {} : { level }),
  });

  it('marks skills already on the profile and leaves them unticked', () => {
    const found = groupFoundSkills(
      [
        mention('postgresql', 'PostgreSQL', 'Postgres'),
        mention('python', 'Python', 'Python', 4),
        mention('postgresql', 'PostgreSQL', 'PostgreSQL', 5),
      ],
      ['PostgreSQL', 'Go'],
    );
    expect(
      found.map((item) => [item.skill.id, item.onProfile, item.chosen, item.level, item.mentions]),
    ).toEqual([
      ['postgresql', true, false, 5, ['Postgres', 'PostgreSQL']],
      ['python', false, true, 4, ['Python']],
    ]);
  });
});
