import { randomUUID } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { afterAll, describe } from 'vitest';
import { createMeiliSearchIndex } from '../../server/adapters/search/meilisearch.ts';
import {
  contractVocabulary,
  describeSearchIndexContract,
} from '../../server/adapters/search/search-index.contract.ts';

const host = process.env.MEILI_HOST;
const masterKey = process.env.MEILI_MASTER_KEY;
const apiKey = process.env.MEILI_API_KEY;

if (!host) console.log('search contract: Meilisearch adapter skipped, MEILI_HOST is not set');

describe.runIf(!!host)('Meilisearch', () => {
  const created: string[] = [];

  describeSearchIndexContract('meilisearch', async () => {
    const indexUid = `contract_${randomUUID().replace(/-/g, '')}`;
    created.push(indexUid);
    return createMeiliSearchIndex({
      host: host!,
      // As production runs it: the master key only finds the default admin key the requests carry.
      ...(apiKey ? { apiKey } : {}),
      ...(masterKey ? { masterKey } : {}),
      indexUid,
      vocabulary: contractVocabulary(),
    });
  });

  afterAll(async () => {
    const key = apiKey ?? masterKey;
    const client = new Meilisearch({ host: host!, ...(key ? { apiKey: key } : {}) });
    for (const uid of created) await client.deleteIndex(uid).waitTask();
  });
});
