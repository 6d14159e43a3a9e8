import { describe, expect, it } from 'vitest';
import {
  createTextAnalyzer,
  placeholderTerm,
} from '../../server/adapters/search/sqlite-fts/text-analyzer.ts';

const analyzer = createTextAnalyzer({
  skills: [
    { id: 'csharp', name: 'C#', aliases: [] },
    { id: 'nodejs', name: 'Node.js', aliases: [] },
    { id: 'dotnet', name: '.NET', aliases: [] },
    { id: 'kelvin', name: 'k#', aliases: [] },
  ],
});

const terms = (text: string) => analyzer.tokenize(text).map((t) => t.term);
const spans = (text: string) => analyzer.tokenize(text).map((t) => text.slice(t.start, t.end));

describe('embedded search tokenizer', () => {
  it('splits ASCII text into lower-case words with their offsets', () => {
    const text = 'Senior Go/Rust engineer, 5+ years; on-call_rotation.';
    expect(terms(text)).toEqual(['senior', 'go', 'rust', 'engineer', '5', 'years', 'on', 'call', 'rotation']);
    expect(spans(text)).toEqual(['Senior', 'Go', 'Rust', 'engineer', '5', 'years', 'on', 'call', 'rotation']);
  });

  it('keeps a word whole when ASCII letters run into accented or other letters', () => {
    const text = 'Zürich Développeur naïve東京 Ωmega';
    expect(terms(text)).toEqual(['zurich', 'developpeur', 'naive東京', 'ωmega']);
    expect(spans(text)).toEqual(['Zürich', 'Développeur', 'naïve東京', 'Ωmega']);
  });

  it('lower-cases letters that only become capitals when decomposed, as FTS5 indexes them', () => {
    expect(terms('ℝust ᴬᴾᴵ 𝐀PI ℂ')).toEqual(['rust', 'api', 'api', 'c']);
  });

  it('finds technology words in any case, only at word boundaries', () => {
    expect(terms('C# and NODE.JS on .net')).toEqual([
      placeholderTerm('word', 'c#'),
      'and',
      placeholderTerm('word', 'node.js'),
      'on',
      placeholderTerm('word', '.net'),
    ]);
    expect(terms('abc# x.net')).toEqual(['abc', 'x', 'net']);
    // U+212A KELVIN SIGN lower-cases to an ASCII "k".
    expect(terms('\u212A#')).toEqual([placeholderTerm('word', 'k#')]);
  });

  it('gives the same terms for a word however often it is seen', () => {
    const text = 'Résumé résumé RÉSUMÉ';
    expect(terms(text)).toEqual(['resume', 'resume', 'resume']);
    expect(terms(text)).toEqual(terms(text));
  });
});
