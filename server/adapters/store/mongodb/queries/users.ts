import type { NewUser } from '../../port.ts';
import type { UserDoc } from '../schemas/users.ts';
import { asKey, type Filter } from './checked-input.ts';

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
    createdAt: now,
    updatedAt: now,
  };
}

export const userByEmail = (email: unknown): Filter => ({ emailKey: emailKeyOf(email) });
