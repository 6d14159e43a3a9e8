import Database from 'better-sqlite3';
import { createSqliteSearchIndex } from '../../server/adapters/search/sqlite-fts.ts';
import {
  contractVocabulary,
  describeSearchIndexContract,
} from '../../server/adapters/search/search-index.contract.ts';

describeSearchIndexContract('sqlite-fts', async () =>
  createSqliteSearchIndex({ db: { file: ':memory:' }, vocabulary: contractVocabulary() }),
);

describeSearchIndexContract('sqlite-fts sharing a handle, prefixed', async () =>
  createSqliteSearchIndex({
    db: new Database(':memory:'),
    vocabulary: contractVocabulary(),
    tablePrefix: 'srch_',
  }),
);
