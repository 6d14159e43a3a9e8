import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The licences of the shipped data sets ask for attribution wherever derived data is shown or shipped. */
describe('attribution of the 2024 survey the salary bands come from', () => {
  it.each(['NOTICE.md', 'README.md', 'web/src/pages/about/AboutPage.svelte'])('is in %s', (path) => {
    const text = read(path).replace(/\s+/g, ' ');
    expect(text).toContain('Stack Overflow Developer Survey 2024');
    expect(text).toContain('Open Database License 1.0');
  });
});
