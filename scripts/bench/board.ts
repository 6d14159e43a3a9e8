/** A synthetic board for the pipeline benchmarks: candidates with skills drawn from the taxonomy. */
import type { NewListing, Store } from '../../server/adapters/store/port.ts';
import { loadConfig } from '../../server/config.ts';
import { LISTING_DEFAULTS } from '../../server/domain/listing.ts';
import { allSkills } from '../../server/domain/taxonomy.ts';
import { SENIORITIES } from '../../server/shared/vocabulary.ts';
import { seededRandom } from './random.ts';

const random = seededRandom;

const POPULAR = [
  'go',
  'python',
  'java',
  'postgresql',
  'mysql',
  'redis',
  'docker',
  'kubernetes',
  'aws',
  'kafka',
  'nodejs',
  'typescript',
];

export function skillPicker(seed: number) {
  const next = random(seed);
  const all = allSkills();
  return (count: number) => {
    const picked = new Map<string, { id: string; name: string }>();
    while (picked.size < count) {
      const fromPopular = next() < 0.6;
      const id = fromPopular
        ? POPULAR[Math.floor(next() * POPULAR.length)]!
        : all[Math.floor(next() * all.length)]!.id;
      const skill = all.find((s) => s.id === id) ?? all[0]!;
      picked.set(skill.id, { id: skill.id, name: skill.name });
    }
    return [...picked.values()];
  };
}

export async function seedProfiles(store: Store, count: number) {
  const pick = skillPicker(7);
  const next = random(11);
  for (let i = 0; i < count; i++) {
    const user = await store.users.create({
      email: `bench-${i}@example.com`,
      name: `Bench ${i}`,
      role: 'candidate',
      companyId: null,
      passwordHash: '!',
    });
    await store.profiles.save(user.id, {
      headline: 'Developer',
      yearsExperience: Math.floor(next() * 15),
      seniority: SENIORITIES[Math.floor(next() * SENIORITIES.length)]!,
      location: { country: ['DE', 'US', 'GB', 'FR', 'PL'][Math.floor(next() * 5)]!, city: '' },
      remote: 'remote',
      expectedSalary: null,
      skills: pick(2 + Math.floor(next() * 6)).map((skill) => ({ skill, level: 1 + Math.floor(next() * 5) })),
      discoverable: true,
    });
  }
}

/** The body of `POST /api/listings` for a bench listing asking for three skills `pick` draws. */
export function listingBody(title: string, pick: ReturnType<typeof skillPicker>) {
  return {
    title,
    description: 'Bench listing',
    location: { country: 'DE', city: 'Berlin' },
    remote: 'remote',
    employmentType: 'full-time',
    seniority: 'senior',
    salary: { min: 60_000, max: 80_000, currency: 'EUR', period: 'year' },
    requiredSkills: pick(3).map((skill) => ({ skill: skill.name, level: 3, weight: 1 })),
    niceToHaveSkills: [],
  };
}

/** Config for a bench board in `dir`: no demo seed, no logs, rate limits out of the way. */
export function benchConfig(dir: string, env: Record<string, string> = {}) {
  return loadConfig({
    DATA_DIR: dir,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    AUTH_RATE_LIMIT: '100000',
    WRITE_RATE_LIMIT: '100000',
    ...env,
  });
}

/** A stored bench listing `i` of `company` asking for three skills `pick` draws; pay varies with `i`. */
export function benchNewListing(
  i: number,
  company: { id: string; name: string },
  pick: ReturnType<typeof skillPicker>,
): NewListing {
  return {
    title: `Backend engineer ${i}`,
    description: 'Imported listing',
    location: { country: 'DE', city: 'Berlin' },
    remote: 'remote',
    employmentType: 'full-time',
    seniority: 'senior',
    salary: {
      min: 60_000 + (i % 40) * 1_000,
      max: 90_000 + (i % 40) * 1_000,
      currency: 'EUR',
      period: 'year',
    },
    requiredSkills: pick(3).map((skill) => ({ skill, level: 3, weight: 1 })),
    niceToHaveSkills: [],
    ...LISTING_DEFAULTS,
    ownerId: 'bench',
    companyId: company.id,
    company: company.name,
  };
}
