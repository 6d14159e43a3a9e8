import { describe, expect, it } from 'vitest';
import {
  bandCarryLabel,
  bandDataLabel,
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
    expect(bandSegmentLabel(aBand({ segment: { country: 'US', skill: 'spring-boot' } }))).toBe(
      'Back-end · all experience levels · United States · spring-boot',
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
