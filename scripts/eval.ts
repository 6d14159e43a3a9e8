/**
 * `npm run eval [-- postings.jsonl] [--split=train|dev] [--details]`: extraction precision and
 * technology recall on annotated postings (default: the shared SkillSpan postings; `--split` keeps one
 * of the data set's own splits), gold spans placed in any casing and as written, and the table of
 * scored pairs whose order a recruiter would not dispute. Method and latest numbers: docs/matching.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AnnotatedPosting, scoreExtraction, technologyClassifier } from './eval/extraction.ts';
import { judgePairs } from './eval/match-pairs.ts';

const args = process.argv.slice(2);
const details = args.includes('--details');
const splitArg = args.find((arg) => arg.startsWith('--split='));
const split = splitArg === undefined ? undefined : splitArg.slice('--split='.length);
const root = new URL('..', import.meta.url).pathname;
const postingsFile = resolve(
  args.find((arg) => !arg.startsWith('--')) ?? `${root}../shared/data/skillspan-tech/postings.jsonl`,
);
const onetFile = resolve(`${root}../shared/data/onet/technology-skills.tsv`);

if (!existsSync(postingsFile)) {
  console.error(`No annotated postings at ${postingsFile}`);
  process.exit(1);
}
const postings = readFileSync(postingsFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as AnnotatedPosting)
  .filter((posting) => split === undefined || posting.split === split);
const onetNames = existsSync(onetFile)
  ? readFileSync(onetFile, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t')[1] ?? '')
      .filter((name) => name !== '')
  : [];
if (onetNames.length === 0)
  console.log(`(no O*NET list at ${onetFile}: technologies from the taxonomy only)`);

const isTechnology = technologyClassifier(onetNames);
const score = scoreExtraction(postings, isTechnology, 'any-case');
const asWritten = scoreExtraction(postings, isTechnology, 'as-written');
const ratio = (part: number, whole: number) => (whole === 0 ? 'n/a' : (part / whole).toFixed(3));
const top = (map: Map<string, number>, limit: number) =>
  [...map]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([key, times]) => `${key} ×${times}`)
    .join('; ');

console.log(
  `Extraction on ${score.postings} postings (${postingsFile}${split === undefined ? '' : `, split ${split}`})`,
);
console.log(
  'Gold: knowledge spans, placed in any casing (names that are ordinary words as written), and as written:',
);
console.log('| measure | any case | counts | as written | counts |');
console.log('| --- | ---: | --- | ---: | --- |');
type Measure = [string, (s: typeof score) => [number, number]];
const printRows = (rows: Measure[]) => {
  for (const [name, read] of rows) {
    const [part, whole] = read(score);
    const [writtenPart, writtenWhole] = read(asWritten);
    console.log(
      `| ${name} | ${ratio(part, whole)} | ${part} of ${whole} | ${ratio(writtenPart, writtenWhole)} | ${writtenPart} of ${writtenWhole} |`,
    );
  }
};
printRows([
  ['precision, every mention', (s) => [s.correctMentions, s.mentions]],
  ['precision, technology mentions', (s) => [s.correctTechnologyMentions, s.technologyMentions]],
  ['precision, practice mentions', (s) => [s.correctPracticeMentions, s.practiceMentions]],
  ['technology recall', (s) => [s.foundTechnologyPlaces, s.technologyPlaces]],
]);
console.log(
  '\nGold: knowledge + skill spans (SkillSpan marks practices such as code review as skills; precision only, recall stays on knowledge spans):',
);
console.log('| measure | any case | counts | as written | counts |');
console.log('| --- | ---: | --- | ---: | --- |');
printRows([
  ['precision, every mention', (s) => [s.correctMentionsWithSkills, s.mentions]],
  ['precision, technology mentions', (s) => [s.correctTechnologyMentionsWithSkills, s.technologyMentions]],
  ['precision, practice mentions', (s) => [s.correctPracticeMentionsWithSkills, s.practiceMentions]],
]);
const limit = details ? 200 : 25;
console.log(`\nMost frequent unannotated mentions: ${top(score.falsePositives, limit)}`);
console.log(`\nMost frequent missed technologies: ${top(score.misses, limit)}`);

const pairs = judgePairs();
console.log('\nScored pairs a recruiter would order the same way (better first)');
console.log('| case | better | score | worse | score | ordered |');
console.log('| --- | --- | ---: | --- | ---: | --- |');
for (const pair of pairs) {
  console.log(
    `| ${pair.title} | ${pair.better} | ${pair.betterScore} | ${pair.worse} | ${pair.worseScore} | ${pair.ordered ? 'yes' : 'NO'} |`,
  );
}
const ordered = pairs.filter((pair) => pair.ordered).length;
console.log(`\n${ordered} of ${pairs.length} pairs ordered as a recruiter would.`);
