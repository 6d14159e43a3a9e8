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
export function bandSegmentLabel(
  band: SalaryBand,
  skillNames: Readonly<Record<string, string>> = {},
): string {
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
    segment.skill ? skillLabel(segment.skill, skillNames) : '',
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

/** A skill's name for a band's text: from the page's names when it has them, else its id in words. */
function skillLabel(id: string, names: Readonly<Record<string, string>>): string {
  return names[id] ?? id.replace(/^custom:/, '').replace(/-/g, ' ');
}

/**
 * Why the band is wider than asked, in words ("Too few samples for Senior pay in Germany: counting the
 * levels around it (5–12 years)"), built from what was dropped rather than the API's terse reasons,
 * which name segments by their codes.
 */
export function bandFallbackLabel(
  band: SalaryBand,
  skillNames: Readonly<Record<string, string>> = {},
): string {
  const { requested, segment } = band;
  const where = requested.country ? ` in ${countryName(requested.country)}` : '';
  const reasons = band.dropped.map((entry) => {
    const perCountry = / per country/.test(entry.reason);
    switch (entry.dimension) {
      case 'seniority': {
        const level = SENIORITY_LABEL[entry.value as Seniority] ?? entry.value;
        return segment.levels?.length
          ? `too few samples for ${level} pay${where}, so the levels around it are counted (${segment.years ?? levelsName(segment.levels, undefined)})`
          : `too few samples for ${level} pay${where}, so every experience level is counted`;
      }
      case 'country':
        return `too few samples for ${countryName(entry.value)}, so its region is shown (${segment.region ? regionName(segment.region) : 'all countries'})`;
      case 'remote': {
        const policy = REMOTE_LABEL[entry.value as RemotePolicy] ?? entry.value;
        return perCountry
          ? `${policy} pay is only told apart within a country`
          : `too few samples for ${policy.toLowerCase()} roles${where}, so every remote policy is counted`;
      }
      case 'skill': {
        const skill = skillLabel(entry.value, skillNames);
        if (perCountry) return `pay by skill (${skill}) is only told apart within a country`;
        if (/remote policy comes first/.test(entry.reason))
          return `a band narrows by remote policy or by skill, not both, so ${skill} is not counted apart`;
        const survey = /survey records/.test(entry.reason)
          ? ' (the 2024 survey records web frameworks and cloud platforms, not languages, databases or tools)'
          : '';
        return `too few samples for ${skill}${where}, so every skill is counted${survey}`;
      }
    }
  });
  if (reasons.length === 0) return 'Too few samples for this exact segment; showing a wider one.';
  const text = reasons.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** One part of a segment as the API names it ("senior", "junior–mid", "DE", "north-america", "remote"). */
function levelsWords(part: string): string | null {
  const levels = part.split('–');
  return levels.every((level) => level in SENIORITY_LABEL)
    ? levels.map((level) => SENIORITY_LABEL[level as Seniority]).join('–')
    : null;
}

/** "senior × DE × remote" → "Senior · Germany · Remote": a segment named by its codes, in words. */
function segmentWords(segment: string, skillNames: Readonly<Record<string, string>>): string {
  const parts = segment.split(' × ');
  const words: string[] = [];
  const levels = levelsWords(parts[0]!);
  if (levels !== null) words.push(levels);
  const [place, ...rest] = levels === null ? parts : parts.slice(1);
  if (place !== undefined) {
    words.push(
      /^[A-Z]{2}$/.test(place) ? countryName(place) : place === 'all countries' ? place : regionName(place),
    );
  }
  for (const part of rest) {
    words.push(REMOTE_LABEL[part as RemotePolicy] ?? skillLabel(part, skillNames));
  }
  return words.join(' · ');
}

/**
 * Why there is no band, in words: the API's reason names segments by their codes ("fewer than 30
 * samples for north-america"); this names them as people do ("… for North America").
 */
export function bandReasonWords(reason: string, skillNames: Readonly<Record<string, string>> = {}): string {
  return reason
    .replace(
      /(samples for )([^,;.()]+?)(?=\s*(?:[,;.()]|$))/g,
      (_match, lead: string, segment: string) => `${lead}${segmentWords(segment, skillNames)}`,
    )
    .replace(
      /(showing its region, )([a-z]+(?:-[a-z]+)*)/g,
      (_match, lead: string, region: string) => `${lead}${regionName(region)}`,
    );
}
