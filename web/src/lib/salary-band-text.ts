/** The words a market band is shown with: its segment, the date of its data and how it was carried to today. */
import { REMOTE_LABEL, SENIORITY_LABEL, countryName } from './format.ts';
import type { RemotePolicy, SalaryBand, Seniority } from './types.ts';

const monthFormat = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "May 2024" for 2024-05-31. */
export function monthOf(isoDate: string): string {
  const at = Date.parse(isoDate);
  return Number.isNaN(at) ? isoDate : monthFormat.format(at);
}

/** "2 Dec 2026" for 2026-12-02. */
export function dayOf(isoDate: string): string {
  const at = Date.parse(isoDate);
  return Number.isNaN(at) ? isoDate : dayFormat.format(at);
}

/** "western-europe" → "Western Europe". */
function regionName(region: string): string {
  return region
    .split('-')
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join(' ');
}

function levelsName(levels: string[], years: string | undefined): string {
  const name = (level: string) => SENIORITY_LABEL[level as Seniority] ?? level;
  const label = levels.length === 1 ? name(levels[0]!) : `${name(levels[0]!)}–${name(levels.at(-1)!)}`;
  return years ? `${label} (${years})` : label;
}

/** "Back-end · Senior (5–7 years) · Germany · Remote": the segment the figures come from. */
export function bandSegmentLabel(band: SalaryBand): string {
  const { segment } = band;
  return [
    'Back-end',
    segment.levels?.length ? levelsName(segment.levels, segment.years) : 'all experience levels',
    segment.country
      ? countryName(segment.country)
      : segment.region
        ? regionName(segment.region)
        : 'all countries',
    segment.remote ? REMOTE_LABEL[segment.remote as RemotePolicy] : '',
    segment.skill ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Where the figures come from and how old they are: "2024 developer survey (May 2024): 619 answers and
 * postings of 12 companies up to Nov 2026; 3 outliers set aside".
 */
export function bandDataLabel(band: SalaryBand): string {
  const survey = band.samples.survey ?? 0;
  const companies = band.samples.posting ?? 0;
  const parts: string[] = [];
  if (survey > 0) parts.push(`2024 developer survey (${monthOf(band.dataFrom)}): ${survey} answers`);
  if (companies > 0) {
    const span =
      survey > 0 || band.dataFrom === band.dataTo
        ? `up to ${monthOf(band.dataTo)}`
        : `${monthOf(band.dataFrom)} to ${monthOf(band.dataTo)}`;
    parts.push(`postings of ${companies} ${companies === 1 ? 'company' : 'companies'} ${span}`);
  }
  const trimmed =
    band.trimmed > 0 ? `; ${band.trimmed} outlier${band.trimmed === 1 ? '' : 's'} set aside` : '';
  return `${parts.join(' and ')}${trimmed}`;
}

/** The rule that brought the figures to the band's date, and the exchange rate when one was applied. */
export function bandCarryLabel(band: SalaryBand): string {
  const { yearlyRate } = band.carriedForward;
  const carried =
    yearlyRate !== null
      ? `Carried to ${dayOf(band.asOf)} at ${Math.round(yearlyRate * 1000) / 10} % a year`
      : band.segment.country
        ? `Not carried forward: no pay-growth rate for ${countryName(band.segment.country)}, so this is pay in US dollars as of its dates`
        : `Carried to ${dayOf(band.asOf)} at each country's pay-growth rate`;
  const exchange = band.exchange
    ? `; converted from ${band.exchange.from} at the rate of ${dayOf(band.exchange.date)}`
    : '';
  return `${carried}${exchange}.`;
}
