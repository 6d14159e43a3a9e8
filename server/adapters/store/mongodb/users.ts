import type { User, UserStore } from '../port.ts';
import type { MongoRun } from './connection.ts';
import { inOrder, iso, newId } from './mapping.ts';
import * as q from './queries/index.ts';
import type { UserDoc } from './schemas/users.ts';

export function userFromDoc(doc: UserDoc): User {
  return {
    id: doc._id,
    email: doc.email,
    name: doc.name,
    role: doc.role,
    companyId: doc.companyId ?? null,
    passwordHash: doc.passwordHash,
    emailConfirmedAt:
      doc.emailConfirmedAt === undefined
        ? iso(doc.createdAt)
        : doc.emailConfirmedAt && iso(doc.emailConfirmedAt),
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}

export function createUserStore(run: MongoRun): UserStore {
  return {
    create: (input) =>
      run('user', async (models) => {
        const created = await models.users.create(q.newUserDoc(input, newId(), new Date()));
        return userFromDoc(created.toObject());
      }),
    findById: (id) =>
      run('user', async (models) => {
        const doc = await models.users.findOne(q.byId(id)).lean<UserDoc>();
        return doc ? userFromDoc(doc) : null;
      }),
    findByEmail: (email) =>
      run('user', async (models) => {
        const doc = await models.users.findOne(q.userByEmail(email)).lean<UserDoc>();
        return doc ? userFromDoc(doc) : null;
      }),
    replaceUnconfirmed: (id, details) =>
      run('user', async (models) => {
        const doc = await models.users
          .findOneAndUpdate(q.unconfirmedUser(id), q.replaceUnconfirmedUpdate(details, new Date()), {
            returnDocument: 'after',
            runValidators: true,
          })
          .lean<UserDoc>();
        return doc ? userFromDoc(doc) : null;
      }),
    confirmEmail: (id) =>
      run('user', async (models) => {
        const at = new Date();
        // Only an unconfirmed account changes (documents from before confirmation have no field and
        // count as confirmed already).
        const doc = await models.users
          .findOneAndUpdate(
            q.unconfirmedUser(id),
            { $set: { emailConfirmedAt: at, updatedAt: at } },
            {
              returnDocument: 'after',
            },
          )
          .lean<UserDoc>();
        if (doc) return userFromDoc(doc);
        const current = await models.users.findOne(q.byId(id)).lean<UserDoc>();
        return current ? userFromDoc(current) : null;
      }),
    findManyByIds: (ids) =>
      run('user', async (models) => {
        const keys = q.asKeys(ids);
        const docs = await models.users.find(q.byIds(keys)).lean<UserDoc[]>();
        return inOrder(keys, docs).map(userFromDoc);
      }),
  };
}
