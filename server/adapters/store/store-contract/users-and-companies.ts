import { describe, expect, it } from 'vitest';
import { AppError } from '../../../errors.ts';
import { uniqueEmail } from '../../../../tests/helpers/factories.ts';
import type { StoreCase } from './handle.ts';

export function describeUsersAndCompanies({ store }: StoreCase): void {
  describe('users and companies', () => {
    it('creates a user and finds it by id and by email in any casing', async () => {
      const email = uniqueEmail('Mixed');
      const user = await store.users.create({
        email,
        name: 'Ann',
        role: 'candidate',
        companyId: null,
        passwordHash: 'x',
      });
      expect(user).toMatchObject({
        email,
        name: 'Ann',
        role: 'candidate',
        companyId: null,
        passwordHash: 'x',
      });
      expect(typeof user.id).toBe('string');
      expect(Date.parse(user.createdAt)).not.toBeNaN();
      expect((await store.users.findById(user.id))?.email).toBe(email);
      expect((await store.users.findByEmail(email.toUpperCase()))?.id).toBe(user.id);
      expect(await store.users.findByEmail('nobody@example.com')).toBeNull();
      expect((await store.users.findManyByIds([user.id, 'missing'])).map((u) => u.id)).toEqual([user.id]);
    });

    it('confirms a self sign-up once; other accounts are confirmed from creation', async () => {
      const imported = await store.users.create({
        email: uniqueEmail('imported'),
        name: 'Imp',
        role: 'candidate',
        companyId: null,
        passwordHash: 'x',
      });
      expect(imported.emailConfirmedAt).toBe(imported.createdAt);
      const signedUp = await store.users.create({
        email: uniqueEmail('self'),
        name: 'Self',
        role: 'candidate',
        companyId: null,
        passwordHash: 'x',
        emailConfirmedAt: null,
      });
      expect(signedUp.emailConfirmedAt).toBeNull();
      expect((await store.users.findByEmail(signedUp.email))?.emailConfirmedAt).toBeNull();
      const confirmed = await store.users.confirmEmail(signedUp.id);
      expect(Date.parse(confirmed?.emailConfirmedAt ?? '')).not.toBeNaN();
      const again = await store.users.confirmEmail(signedUp.id);
      expect(again?.emailConfirmedAt).toBe(confirmed?.emailConfirmedAt);
      expect((await store.users.findById(signedUp.id))?.emailConfirmedAt).toBe(confirmed?.emailConfirmedAt);
      expect(await store.users.confirmEmail('no-such-user')).toBeNull();
    });

    it("replaces an unconfirmed account's details, never a confirmed one's", async () => {
      const pending = await store.users.create({
        email: uniqueEmail('pending'),
        name: 'First',
        role: 'candidate',
        companyId: null,
        passwordHash: 'first',
        emailConfirmedAt: null,
      });
      const company = await store.companies.create(`Later Co ${pending.id}`);
      const details = {
        name: 'Later',
        role: 'recruiter' as const,
        companyId: company.id,
        passwordHash: 'later',
      };
      const replaced = await store.users.replaceUnconfirmed(pending.id, details);
      expect(replaced).toMatchObject({
        id: pending.id,
        email: pending.email,
        ...details,
        emailConfirmedAt: null,
      });
      expect(await store.users.findById(pending.id)).toMatchObject(details);
      await store.users.confirmEmail(pending.id);
      expect(
        await store.users.replaceUnconfirmed(pending.id, { ...details, passwordHash: 'again' }),
      ).toBeNull();
      expect((await store.users.findById(pending.id))?.passwordHash).toBe('later');
      expect(await store.users.replaceUnconfirmed('no-such-user', details)).toBeNull();
    });

    it('refuses a second account with the same email, whatever its casing', async () => {
      const email = uniqueEmail('dup');
      await store.users.create({ email, name: 'A', role: 'candidate', companyId: null, passwordHash: 'x' });
      const attempt = store.users.create({
        email: email.toUpperCase(),
        name: 'B',
        role: 'candidate',
        companyId: null,
        passwordHash: 'y',
      });
      await expect(attempt).rejects.toBeInstanceOf(AppError);
      await expect(attempt).rejects.toMatchObject({ code: 'conflict' });
    });

    it('creates a company once per name, refusing a second one in any casing', async () => {
      const created = await store.companies.create('Initech');
      expect((await store.companies.findById(created.id))?.name).toBe('Initech');
      await expect(store.companies.create('INITECH')).rejects.toMatchObject({ code: 'conflict' });
    });

    it('keeps one company per name, case-insensitively', async () => {
      const first = await store.companies.findOrCreate('Globex');
      const again = await store.companies.findOrCreate('GLOBEX');
      expect(again.id).toBe(first.id);
      expect((await store.companies.findById(first.id))?.name).toBe('Globex');
    });
  });
}
