import { Lexer, type Token, type Tokens } from 'marked';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function collectText(tokens: readonly Token[], out: string[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
      case 'hr':
      case 'br':
        out.push('\n');
        break;
      case 'html':
        out.push((token as Tokens.HTML).text.replace(/<[^>]*>/g, ' '));
        break;
      case 'list':
        for (const item of (token as Tokens.List).items) {
          collectText(item.tokens, out);
          out.push('\n');
        }
        break;
      case 'table': {
        const table = token as Tokens.Table;
        for (const row of [table.header, ...table.rows]) {
          for (const cell of row) {
            collectText(cell.tokens, out);
            out.push(' ');
          }
          out.push('\n');
        }
        break;
      }
      default:
        if ('tokens' in token && Array.isArray(token.tokens) && token.tokens.length > 0) {
          collectText(token.tokens, out);
        } else if ('text' in token && typeof token.text === 'string') {
          out.push(token.text);
        }
        if (token.type === 'heading' || token.type === 'paragraph' || token.type === 'code') out.push('\n');
    }
  }
}

/** The readable text of a markdown posting: what a candidate sees, without markup, link targets or tags. */
export function plainTextOfMarkdown(markdown: string): string {
  const out: string[] = [];
  collectText(Lexer.lex(markdown), out);
  return decodeEntities(out.join(''))
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}
