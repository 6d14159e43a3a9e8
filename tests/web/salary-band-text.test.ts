import { describe, expect, it } from 'vitest';
import {
  bandCarryLabel,
  bandDataLabel,
  bandFallbackLabel,
  bandReasonWords,
  bandSegmentLabel,
  monthOf,
} from '../../web/src/lib/salary-band-text.ts';
import type { SalaryBand } from '../../web/src/lib/types.ts';

function aBand(overrides: Partial<SalaryBand> = {}): SalaryBand {
  return {
    p25: 60_000,
    p50: 70_000,
    p75: 85_000,
    n: 182,
    currency: 'EUR',
    segment: { levels: ['senior'], years: '5–7 years', country: 'DE', remote: 'remote' },
    requested: { seniority: 'senior', country: 'DE', remote: 'remote' },
    dropped: [],
    fellBack: false,
    notes: [],
    sources: ['survey'],
    samples: { survey: 182 },
    trimmed: 0,
    dataFrom: '2024-05-31',
    dataTo: '2024-05-31',
    asOf: '2026-12-02',
    carriedForward: { yearlyRate: 0.03, rule: '' },
    exchange: null,
    ...overrides,
  };
}

describe('the words a band is shown with', () => {
  it('name the segment the figures come from', () => {
    expect(bandSegmentLabel(aBand())).toBe('Back-end · Senior (5–7 years) · Germany · Remote');
    expect(
      bandSegmentLabel(
        aBand({ segment: { levels: ['junior', 'mid'], years: '0–4 years', region: 'western-europe' } }),
      ),
    ).toBe('Back-end · Junior–Mid-level (0–4 years) · Western Europe');
    const springBoot = aBand({ segment: { country: 'US', skill: 'spring-boot' } });
    expect(bandSegmentLabel(springBoot, { 'spring-boot': 'Spring Boot' })).toBe(
      'Back-end · all experience levels · United States · Spring Boot',
    );
    expect(bandSegmentLabel(springBoot)).toBe(
      'Back-end · all experience levels · United States · spring boot',
    );
  });

  it('date the data and say how it was carried to the band’s date', () => {
    expect(monthOf('2024-05-31')).toBe('May 2024');
    expect(bandDataLabel(aBand())).toBe('2024 developer survey (May 2024): 182 answers');
    expect(
      bandDataLabel(aBand({ samples: { survey: 150, posting: 32 }, dataTo: '2026-11-20', trimmed: 3 })),
    ).toBe(
      '2024 developer survey (May 2024): 150 answers and postings of 32 companies up to Nov 2026; 3 outliers set aside',
    );
    expect(
      bandDataLabel(aBand({ samples: { posting: 40 }, dataFrom: '2026-03-01', dataTo: '2026-11-20' })),
    ).toBe('postings of 40 companies Mar 2026 to Nov 2026');
    expect(bandCarryLabel(aBand())).toBe('Carried to 2 Dec 2026 at 3 % a year.');
    expect(
      bandCarryLabel(
        aBand({
          carriedForward: { yearlyRate: null, rule: '' },
          segment: { country: 'UA' },
          exchange: { from: 'USD', rate: 41.5, date: '2025-06-02' },
        }),
      ),
    ).toBe(
      'Not carried forward: no pay-growth rate for Ukraine, so this is pay in US dollars as of its dates; converted from USD at the rate of 2 Jun 2025.',
    );
  });
});

describe('why a band is wider than asked', () => {
  it('says it in words, not segment codes', () => {
    const band = aBand({
      segment: { levels: ['mid', 'senior', 'staff'], years: '2–12 years', region: 'western-europe' },
      requested: { seniority: 'senior', country: 'LU', remote: 'remote', skill: 'ci-cd-practice' },
      fellBack: true,
      fallbackReason: 'Fewer than 30 samples for senior × LU × remote; showing its region, western-europe.',
      dropped: [
        { dimension: 'remote', value: 'remote', reason: 'fewer than 30 samples for senior × LU × remote' },
        {
          dimension: 'skill',
          value: 'ci-cd-practice',
          reason:
            'fewer than 30 samples for senior × LU × ci-cd-practice (the 2024 survey records web frameworks and cloud platforms, not languages, databases or tools)',
        },
        {
          dimension: 'seniority',
          value: 'senior',
          reason: 'fewer than 30 samples for senior × LU; counting the levels around it (2–12 years)',
        },
        {
          dimension: 'country',
          value: 'LU',
          reason: 'fewer than 30 samples for LU; showing its region, western-europe',
        },
      ],
    });
    const words = bandFallbackLabel(band, { 'ci-cd-practice': 'CI/CD' });
    expect(words).toBe(
      'Too few samples for remote roles in Luxembourg, so every remote policy is counted; ' +
        'too few samples for CI/CD in Luxembourg, so every skill is counted (the 2024 survey records web ' +
        'frameworks and cloud platforms, not languages, databases or tools); ' +
        'too few samples for Senior pay in Luxembourg, so the levels around it are counted (2–12 years); ' +
        'too few samples for Luxembourg, so its region is shown (Western Europe).',
    );
    expect(words).not.toMatch(/×|western-europe|ci-cd/);
  });

  it('names a skill by its id in words when the page has no name for it', () => {
    const band = aBand({
      segment: { country: 'DE' },
      requested: { country: 'DE', skill: 'ci-cd-practice' },
      dropped: [
        {
          dimension: 'skill',
          value: 'ci-cd-practice',
          reason: 'fewer than 30 samples for DE × ci-cd-practice',
        },
      ],
    });
    expect(bandFallbackLabel(band)).toBe(
      'Too few samples for ci cd practice in Germany, so every skill is counted.',
    );
  });
});

describe('why there is no band', () => {
  it('names the segments in words', () => {
    expect(
      bandReasonWords(
        'No reliable band: fewer than 30 samples for north-america, the smallest sample Backboard shows a band for.',
      ),
    ).toBe(
      'No reliable band: fewer than 30 samples for North America, the smallest sample Backboard shows a band for.',
    );
    expect(
      bandReasonWords(
        'No reliable band: fewer than 30 samples for junior–mid × DE × remote; showing its region, western-europe.',
      ),
    ).toBe(
      'No reliable band: fewer than 30 samples for Junior–Mid-level · Germany · Remote; showing its region, Western Europe.',
    );
    expect(
      bandReasonWords('Fewer than 30 samples for senior × LU × ci-cd-practice (the 2024 survey records …)', {
        'ci-cd-practice': 'CI/CD',
      }),
    ).toBe('Fewer than 30 samples for Senior · Luxembourg · CI/CD (the 2024 survey records …)');
    expect(bandReasonWords('No reliable band: fewer than 30 samples for all countries.')).toBe(
      'No reliable band: fewer than 30 samples for all countries.',
    );
  });
});
