/** The listing editor's state, how it comes from a listing and goes to the API, and what it refuses. */
import { isCountryCode } from '../../../../server/shared/countries.ts';
import { EVIDENCE_REQUIREMENTS, NICE_TO_HAVE_BONUS } from '../../../../server/shared/matching.ts';
import { isRemoteRegion, type RemoteRegion } from '../../../../server/shared/regions.ts';
import type { Problems } from '../../lib/forms/problems.ts';
import { salaryRangeProblem, type Amount } from '../../lib/forms/salary.ts';
import type {
  BandPreviewInput,
  EmploymentType,
  Listing,
  ListingInput,
  ListingPatch,
  RemotePolicy,
  SalaryPeriod,
  Seniority,
} from '../../lib/types.ts';

/** A skill requirement while it is being edited: the skill by name, the server resolves it. */
export interface EditableRequirement {
  name: string;
  level: number;
  weight: number;
}

export interface ListingFormState {
  title: string;
  description: string;
  location: { country: string; city: string };
  remote: RemotePolicy;
  employmentType: EmploymentType;
  seniority: Seniority;
  salary: { min: Amount; max: Amount; currency: string; period: SalaryPeriod };
  requiredSkills: EditableRequirement[];
  niceToHaveSkills: EditableRequirement[];
  visaSponsorship: boolean;
  /** Remote postings: the regions a remote hire may live in (server/shared/regions.ts ids)… */
  remoteRegions: RemoteRegion[];
  /** …and further countries, as typed: ISO codes separated by commas or spaces. */
  remoteCountries: string;
  /** The version being edited, sent back so a concurrent edit is refused rather than overwritten. */
  version: number | null;
}

export type ListingFormField = 'title' | 'salary' | 'remoteCountries';

/** The server's shortest title (server/schemas/listing.ts). */
const MIN_TITLE_LENGTH = 3;

export function emptyListingForm(): ListingFormState {
  return {
    title: '',
    description: '',
    location: { country: 'DE', city: '' },
    remote: 'hybrid',
    employmentType: 'full-time',
    seniority: 'mid',
    salary: { min: null, max: null, currency: 'EUR', period: 'year' },
    requiredSkills: [],
    niceToHaveSkills: [],
    visaSponsorship: false,
    remoteRegions: [],
    remoteCountries: '',
    version: null,
  };
}

function editable(requirements: Listing['requiredSkills']): EditableRequirement[] {
  return requirements.map((requirement) => ({
    name: requirement.skill.name,
    level: requirement.level,
    weight: requirement.weight,
  }));
}

export function listingFormFrom(listing: Listing): ListingFormState {
  const { min, max, currency, period } = listing.salary;
  return {
    title: listing.title,
    description: listing.description,
    location: { country: listing.location.country, city: listing.location.city },
    remote: listing.remote,
    employmentType: listing.employmentType,
    seniority: listing.seniority,
    salary: { min, max, currency, period },
    requiredSkills: editable(listing.requiredSkills),
    niceToHaveSkills: editable(listing.niceToHaveSkills),
    visaSponsorship: listing.visaSponsorship,
    remoteRegions: listing.remoteRegions.filter(isRemoteRegion),
    remoteCountries: listing.remoteRegions.filter((area) => !isRemoteRegion(area)).join(', '),
    version: listing.version,
  };
}

function requirementBody(requirement: EditableRequirement): ListingInput['requiredSkills'][number] {
  // An emptied weight field means "the usual weight", not zero (which the API refuses).
  return { skill: requirement.name, level: requirement.level, weight: Number(requirement.weight) || 1 };
}

/** The body of `POST /api/listings`. */
export function listingBody(form: ListingFormState): ListingInput {
  return {
    title: form.title.trim(),
    description: form.description,
    location: { country: form.location.country, city: form.location.city.trim() },
    remote: form.remote,
    employmentType: form.employmentType,
    seniority: form.seniority,
    salary: {
      min: Number(form.salary.min),
      max: Number(form.salary.max),
      currency: form.salary.currency,
      period: form.salary.period,
    },
    requiredSkills: form.requiredSkills.map(requirementBody),
    niceToHaveSkills: form.niceToHaveSkills.map(requirementBody),
    visaSponsorship: form.visaSponsorship,
    remoteRegions: form.remote === 'remote' ? [...form.remoteRegions, ...typedCountries(form)] : [],
  };
}

/**
 * What the editor's live band asks for: the fields the posting's own band is computed from, so the band
 * shown while writing is the one the saved posting shows. Null until a country is chosen; amounts not
 * typed yet count as 0 (they only move the posting's place in the band, not the band).
 */
export function bandPreviewInput(form: ListingFormState): BandPreviewInput | null {
  const country = form.location.country.trim().toUpperCase();
  if (!isCountryCode(country)) return null;
  const amount = (value: Amount | undefined) => Math.max(0, Number(value) || 0);
  return {
    seniority: form.seniority,
    location: { country },
    remote: form.remote,
    salary: {
      min: amount(form.salary.min),
      max: amount(form.salary.max),
      currency: form.salary.currency,
      period: form.salary.period,
    },
    requiredSkills: form.requiredSkills
      .filter((requirement) => requirement.name.trim() !== '')
      .map(requirementBody),
  };
}

/** The countries typed beside the regions, upper-cased. */
function typedCountries(form: ListingFormState): string[] {
  return form.remoteCountries
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
}

/** The body of `PATCH /api/listings/:id`: every field, and the version the edit started from. */
export function listingPatch(form: ListingFormState): ListingPatch {
  return { ...listingBody(form), ...(form.version === null ? {} : { version: form.version }) };
}

/** What the browser's own checks (required, maxlength) cannot say; empty when the form may be sent. */
export function listingFormProblems(form: ListingFormState): Problems<ListingFormField> {
  const problems: Problems<ListingFormField> = {};
  if (form.title.trim().length < MIN_TITLE_LENGTH) {
    problems.title = `Give the listing a title of at least ${MIN_TITLE_LENGTH} characters.`;
  }
  const salary = salaryRangeProblem(form.salary);
  if (salary) problems.salary = salary;
  const unknown = form.remote === 'remote' ? typedCountries(form).filter((code) => !isCountryCode(code)) : [];
  if (unknown.length > 0) {
    problems.remoteCountries = `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a' : 'are not'} two-letter country code${unknown.length === 1 ? '' : 's'} (e.g. DE, US).`;
  }
  return problems;
}

/** What the nice-to-have list does to a score, as the editor says it. */
export const NICE_TO_HAVE_HINT = `These add a bonus of up to ${NICE_TO_HAVE_BONUS} points to a candidate's score; nobody is penalised for missing them.`;

/**
 * A warning while the listing asks for too few skills to tell candidates apart: with none required,
 * scores carry no skill points at all; with fewer than EVIDENCE_REQUIREMENTS, the skills count in part.
 */
export function skillEvidenceWarning(form: ListingFormState): string | undefined {
  const count = form.requiredSkills.length;
  if (count >= EVIDENCE_REQUIREMENTS) return undefined;
  if (count === 0) {
    return 'With no required skills, match scores cannot rank candidates by skills: add the skills the job needs.';
  }
  const share = Math.round((count / EVIDENCE_REQUIREMENTS) * 100);
  return `With only ${count} required skill, skills count for ${share}% of their weight in match scores; add at least ${EVIDENCE_REQUIREMENTS} so candidates can be told apart.`;
}
