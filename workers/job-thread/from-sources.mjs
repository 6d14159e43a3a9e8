// The job thread run from the TypeScript sources (tests, `tsx`): load its entry through tsx. The
// server bundle starts its compiled entry instead (scripts/build.mjs).
import { tsImport } from 'tsx/esm/api';

await tsImport('./entry.ts', import.meta.url);
