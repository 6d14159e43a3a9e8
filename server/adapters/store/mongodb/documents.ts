import type { DocumentStore } from '../port.ts';
import type { MongoRun } from './connection.ts';
import * as q from './queries/index.ts';

export function createDocumentStore(run: MongoRun): DocumentStore {
  return {
    get: <T>(key: string) =>
      run('document', async (models) => {
        const doc = await models.documents.findOne(q.byId(q.asKey(key, 'key'))).lean<{ value: string }>();
        return doc ? (JSON.parse(doc.value) as T) : null;
      }),
    put: (key, value) =>
      run('document', async (models) => {
        const { filter, update } = q.documentPut(key, value, new Date());
        await models.documents.updateOne(filter, update, { upsert: true });
      }),
  };
}
