import Database from 'better-sqlite3';
import { createSqliteSearchIndex } from '../../server/adapters/search/sqlite-fts/index.ts';
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

// Every match ranked by attribute, the ranking used for queries matching more than 2,000 postings.
describeSearchIndexContract('sqlite-fts ranking by attribute', async () =>
  createSqliteSearchIndex({
    db: { file: ':memory:' },
    vocabulary: contractVocabulary(),
    relevanceRowLimit: 0,
  }),
);

// No query cache: every search reads FTS5 afresh.
describeSearchIndexContract('sqlite-fts without query cache', async () =>
  createSqliteSearchIndex({ db: { file: ':memory:' }, vocabulary: contractVocabulary(), queryCache: false }),
);
