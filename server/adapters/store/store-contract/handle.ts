import { uniqueEmail } from '../../../../tests/helpers/factories.ts';
import type { Store, User } from '../port.ts';

/**
 * What each aggregate's file registers its cases against. Cases are registered once but each runs on a
 * fresh store, so `store` forwards to the store of the case under way, and the helpers write to it.
 */
export interface StoreCase {
  readonly store: Store;
  /** A recruiter of a company, as the owner a new listing needs. */
  recruiter(): Promise<{ ownerId: string; companyId: string; company: string }>;
  candidate(): Promise<User>;
  /** Every item of a batched scan, in order. */
  collect<T>(batches: AsyncIterable<T[]>): Promise<T[]>;
}

/** A Store that is always the current case's; reached between cases, it throws. */
export function forwardingStore(current: () => Store | undefined): Store {
  const store = () => {
    const found = current();
    if (!found) throw new Error('the store contract reached for a store outside a case');
    return found;
  };
  // Every member, present and future, is the current case's: nothing to keep in step with the port.
  return new Proxy({} as Store, {
    get(_target, key) {
      const found = store();
      const value: unknown = Reflect.get(found, key);
      return typeof value === 'function' ? value.bind(found) : value;
    },
  });
}
/** The handle over a forwarding store: the helpers are written once, against whichever store is current. */
export function storeCaseOf(store: Store): StoreCase {
  async function recruiter() {
    const company = await store.companies.findOrCreate('Acme Payments');
    const user = await store.users.create({
      email: uniqueEmail('recruiter'),
      name: 'Rita Recruiter',
      role: 'recruiter',
      companyId: company.id,
      passwordHash: 'hash',
    });
    return { ownerId: user.id, companyId: company.id, company: company.name };
  }

  async function candidate() {
    return store.users.create({
      email: uniqueEmail('cand'),
      name: 'Cara',
      role: 'candidate',
      companyId: null,
      passwordHash: 'h',
    });
  }

  async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
    const all: T[] = [];
    for await (const batch of batches) all.push(...batch);
    return all;
  }

  return { store, recruiter, candidate, collect };
}
