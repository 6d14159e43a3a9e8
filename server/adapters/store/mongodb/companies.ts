import { conflict } from '../../../errors.ts';
import type { Company, CompanyStore } from '../port.ts';
import type { MongoRun } from './connection.ts';
import { isDuplicateKeyError } from './errors.ts';
import { AFTER, iso, newId } from './mapping.ts';
import * as q from './queries/index.ts';
import type { CompanyDoc } from './schemas/companies.ts';

export function companyFromDoc(doc: CompanyDoc): Company {
  return { id: doc._id, name: doc.name, createdAt: iso(doc.createdAt) };
}

const nameTaken = () =>
  conflict('A company with this name is registered', [{ path: '/company', message: 'already registered' }]);

export function createCompanyStore(run: MongoRun): CompanyStore {
  return {
    create: (name) =>
      run('company', async (models) => {
        const { filter, update } = q.companyFindOrCreate(name, newId(), new Date());
        if (await models.companies.exists(filter)) throw nameTaken();
        try {
          return companyFromDoc(
            (await models.companies
              .findOneAndUpdate(filter, update, { ...AFTER, upsert: true })
              .lean<CompanyDoc>())!,
          );
        } catch (error) {
          if (isDuplicateKeyError(error)) throw nameTaken();
          throw error;
        }
      }),
    findOrCreate: (name) =>
      run('company', async (models) => {
        const { filter, update } = q.companyFindOrCreate(name, newId(), new Date());
        const upsert = () =>
          models.companies.findOneAndUpdate(filter, update, { ...AFTER, upsert: true }).lean<CompanyDoc>();
        try {
          return companyFromDoc((await upsert())!);
        } catch (error) {
          // Two first uses of a name raced on the unique key: the loser reads the winner's company.
          if (!isDuplicateKeyError(error)) throw error;
          return companyFromDoc((await upsert())!);
        }
      }),
    findById: (id) =>
      run('company', async (models) => {
        const doc = await models.companies.findOne(q.byId(id)).lean<CompanyDoc>();
        return doc ? companyFromDoc(doc) : null;
      }),
  };
}
