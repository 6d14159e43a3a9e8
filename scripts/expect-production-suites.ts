/**
 * CI's production job: fails unless the production suites ran rather than skipped. Each production
 * contract file skips itself when its server's variable is missing, and the API tests then fall back to
 * the embedded adapters, so a lost variable would otherwise turn the job green without testing anything.
 *
 *   tsx scripts/expect-production-suites.ts production-suites.json   (a vitest JSON report)
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The suites that must each pass every case, and the variable each (and the API tests) needs. */
export const PRODUCTION_SUITES: Readonly<Record<string, string>> = {
  'tests/contract/store.mongodb.test.ts': 'MONGODB_URI',
  'tests/contract/search.meilisearch.test.ts': 'MEILI_HOST',
  'tests/contract/queue.bullmq.test.ts': 'REDIS_URL',
};

/** The part of vitest's JSON report read here. */
export interface VitestReport {
  testResults: { name: string; assertionResults: { status: string }[] }[];
}

/** What is wrong: a variable unset, a suite absent, or cases that did not pass. Empty when all ran. */
export function productionSuiteProblems(
  report: VitestReport,
  root: string,
  env: Record<string, string | undefined>,
): string[] {
  const problems: string[] = [];
  for (const [suite, variable] of Object.entries(PRODUCTION_SUITES)) {
    if (!env[variable]) problems.push(`${variable} is not set: ${suite} and the API tests skip its server`);
    const file = report.testResults.find((result) => relative(root, result.name) === suite);
    if (!file) {
      problems.push(`${suite} is not in the report`);
      continue;
    }
    const statuses = file.assertionResults.map((test) => test.status);
    const notPassed = statuses.filter((status) => status !== 'passed').length;
    if (statuses.length === 0) problems.push(`${suite} has no cases`);
    else if (notPassed > 0) problems.push(`${suite}: ${notPassed} of ${statuses.length} cases did not pass`);
  }
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = JSON.parse(
    readFileSync(process.argv[2] ?? 'production-suites.json', 'utf8'),
  ) as VitestReport;
  const problems = productionSuiteProblems(report, process.cwd(), process.env);
  for (const problem of problems) console.error(`production suites: ${problem}`);
  if (problems.length > 0) process.exit(1);
  console.log(`production suites: ${Object.keys(PRODUCTION_SUITES).join(', ')} passed every case`);
}
