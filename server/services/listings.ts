import { AppError, forbidden, notFound } from '../errors.ts';
import { resolveSkill } from '../domain/skills.ts';
import { isKnownCurrency } from '../domain/currency.ts';
import type { Listing, ListingData, ListingPatch, SkillRequirement, Store } from '../adapters/store/port.ts';
import type { ListingCreateBody, ListingPatchBody } from '../schemas/listing.ts';
import type { ChangeFeed } from './changes.ts';
import { canManageListing, type Viewer } from './viewer.ts';

type RequirementInput = { skill: string; level: number; weight: number };

/** Resolves names to canonical skills; a skill named twice keeps its first mention. */
export function resolveRequirements(
  inputs: RequirementInput[],
  exclude = new Set<string>(),
): SkillRequirement[] {
  const seen = new Set(exclude);
  const out: SkillRequirement[] = [];
  for (const input of inputs) {
    const skill = resolveSkill(input.skill);
    if (seen.has(skill.id)) continue;
    seen.add(skill.id);
    out.push({ skill, level: input.level, weight: input.weight });
  }
  return out;
}

function checkSalary(salary: { min: number; max: number; currency: string }): void {
  if (!isKnownCurrency(salary.currency)) {
    throw new AppError('validation_failed', `Unknown currency ${salary.currency}`, [
      { path: '/salary/currency', message: 'must be a currency we have an exchange rate for' },
    ]);
  }
  if (salary.min > salary.max) {
    throw new AppError('validation_failed', 'Salary minimum is above the maximum', [
      { path: '/salary/max', message: 'must be at least salary.min' },
    ]);
  }
}

function requireRecruiter(viewer: Viewer): string {
  if (viewer.role !== 'recruiter' || !viewer.companyId)
    throw forbidden('Only recruiters with a company may post listings');
  return viewer.companyId;
}

export function createListingService(store: Store, changes: ChangeFeed) {
  async function findVisible(viewer: Viewer | null, id: string): Promise<Listing> {
    const listing = await store.listings.findById(id);
    if (!listing || (listing.status !== 'open' && !canManageListing(viewer, listing)))
      throw notFound('Listing');
    return listing;
  }

  async function findManaged(viewer: Viewer, id: string): Promise<Listing> {
    const listing = await findVisible(viewer, id);
    if (!canManageListing(viewer, listing))
      throw forbidden('Only the company that posted this listing may change it');
    return listing;
  }

  async function announce(listing: Listing): Promise<Listing> {
    await changes.listingChanged(listing);
    return listing;
  }

  return {
    findVisible,

    async create(viewer: Viewer, body: ListingCreateBody): Promise<Listing> {
      const companyId = requireRecruiter(viewer);
      checkSalary(body.salary);
      const company = await store.companies.findById(companyId);
      if (!company) throw forbidden('Your company no longer exists');
      const requiredSkills = resolveRequirements(body.requiredSkills);
      const data: ListingData = {
        title: body.title.trim(),
        description: body.description,
        location: body.location,
        remote: body.remote,
        employmentType: body.employmentType,
        seniority: body.seniority,
        salary: body.salary,
        requiredSkills,
        niceToHaveSkills: resolveRequirements(
          body.niceToHaveSkills,
          new Set(requiredSkills.map((r) => r.skill.id)),
        ),
      };
      return announce(
        await store.listings.create({ ...data, ownerId: viewer.sub, companyId, company: company.name }),
      );
    },

    async update(viewer: Viewer, id: string, body: ListingPatchBody): Promise<Listing> {
      const current = await findManaged(viewer, id);
      const { version, ...fields } = body;
      const patch: ListingPatch = { ...fields } as ListingPatch;
      if (fields.title !== undefined) patch.title = fields.title.trim();
      if (fields.salary) checkSalary(fields.salary);
      const required = fields.requiredSkills
        ? resolveRequirements(fields.requiredSkills)
        : current.requiredSkills;
      if (fields.requiredSkills) patch.requiredSkills = required;
      if (fields.niceToHaveSkills || fields.requiredSkills) {
        const nice = fields.niceToHaveSkills
          ? fields.niceToHaveSkills
          : current.niceToHaveSkills.map((r) => ({ skill: r.skill.name, level: r.level, weight: r.weight }));
        patch.niceToHaveSkills = resolveRequirements(nice, new Set(required.map((r) => r.skill.id)));
      }
      return announce(await store.listings.update(id, patch, version));
    },

    async setStatus(viewer: Viewer, id: string, status: 'open' | 'closed'): Promise<Listing> {
      const current = await findManaged(viewer, id);
      if (current.status === status) return current;
      return announce(await store.listings.update(id, { status }));
    },

    async remove(viewer: Viewer, id: string): Promise<void> {
      const current = await findManaged(viewer, id);
      await store.listings.delete(id);
      await changes.listingChanged({
        ...current,
        version: current.version + 1,
        deletedAt: new Date().toISOString(),
      });
    },

    async listMine(viewer: Viewer, page: { page: number; limit: number }) {
      const companyId = requireRecruiter(viewer);
      return store.listings.listByCompany(companyId, page);
    },
  };
}

export type ListingService = ReturnType<typeof createListingService>;
