import { createSqliteStore } from '../../server/adapters/store/sqlite/index.ts';
import { describeStoreContract } from '../../server/adapters/store/store.contract.ts';

describeStoreContract('sqlite', async () => createSqliteStore({ file: ':memory:' }));
