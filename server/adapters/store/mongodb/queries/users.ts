import { trusted } from 'mongoose';
import type { NewUser, UnconfirmedDetails } from '../../port.ts';
import type { UserDoc } from '../schemas/users.ts';
import { asKey, byId, type Filter } from './checked-input.ts';

/** Case-insensitive, nothing more: the embedded store compares with SQLite's NOCASE. */
export const emailKeyOf = (email: unknown): string => asKey(email, 'email').toLowerCase();

export function newUserDoc(input: NewUser, id: string, now: Date): UserDoc {
  return {
    _id: id,
    email: asKey(input.email, 'email'),
    emailKey: emailKeyOf(input.email),
    name: input.name,
    role: input.role,
    companyId: input.companyId === null ? null : asKey(input.companyId, 'companyId'),
    passwordHash: input.passwordHash,
    emailConfirmedAt: input.emailConfirmedAt === null ? null : now,
    createdAt: now,
    updatedAt: now,
  };
}

export const userByEmail = (email: unknown): Filter => ({ emailKey: emailKeyOf(email) });

/**
 * The account, while its email is unconfirmed: an explicit null. (`{ field: null }` would also match a
 * missing field, which marks an account from before confirmation existed: confirmed.)
 */
export const unconfirmedUser = (id: unknown): Filter => ({
  ...byId(id),
  // trusted(): the connection's sanitizeFilter would otherwise wrap the operator in $eq.
  emailConfirmedAt: trusted({ $type: 'null' }),
});

/** A later sign-up's details over an unconfirmed account, checked like a new one's. */
export function replaceUnconfirmedUpdate(details: UnconfirmedDetails, now: Date) {
  return {
    $set: {
      name: details.name,
      role: details.role,
      companyId: details.companyId === null ? null : asKey(details.companyId, 'companyId'),
      passwordHash: details.passwordHash,
      updatedAt: now,
    },
  };
}
