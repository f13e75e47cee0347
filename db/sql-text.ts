/**
 * Just enough of SQL's lexical rules to read back what SQLite keeps of a schema (sqlite_master's
 * text) for the schema snapshot (db/schema-snapshot.ts): comments dropped, quoted text and
 * parentheses respected, so a comma or a `--` inside a string is not taken for syntax.
 */

export interface Token {
  kind: 'word' | 'quoted' | 'punct' | 'space' | 'newline';
  text: string;
}

const WORD = /[A-Za-z0-9_$\u0080-\uffff]/;
const SPACE = /\s/;

/** The statement's tokens, comments left out, each run of white space one token. */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  const blank = (newline: boolean) => {
    const last = out[out.length - 1];
    if (last?.kind === 'space' || last?.kind === 'newline') {
      if (newline) last.kind = 'newline';
    } else out.push({ kind: newline ? 'newline' : 'space', text: ' ' });
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
      blank(false);
    } else if (SPACE.test(c)) {
      let newline = false;
      for (; i < sql.length && SPACE.test(sql[i]); i++) if (sql[i] === '\n') newline = true;
      blank(newline);
    } else if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      // A quote is escaped by doubling it ('it''s'); brackets have no escape.
      while (j < sql.length && !(sql[j] === close && (close === ']' || sql[j + 1] !== close))) j += sql[j] === close ? 2 : 1;
      out.push({ kind: 'quoted', text: sql.slice(i, j + 1) });
      i = j + 1;
    } else if (WORD.test(c)) {
      let j = i;
      while (j < sql.length && WORD.test(sql[j])) j++;
      out.push({ kind: 'word', text: sql.slice(i, j) });
      i = j;
    } else {
      out.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return out;
}

const isBlank = (t: Token) => t.kind === 'space' || t.kind === 'newline';

/** The tokens as one line: every run of white space one space, none at either end. */
export function oneLine(tokens: readonly Token[]): string {
  return tokens
    .map((t) => (isBlank(t) ? ' ' : t.text))
    .join('')
    .trim();
}

/** The tokens as the lines they were written on, each without its indent or trailing space. */
export function lines(tokens: readonly Token[]): string[] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'newline') out.push([]);
    else out[out.length - 1].push(t);
  }
  return out.map(oneLine).filter((line) => line !== '');
}

/** Whether the token is the keyword `word` (SQL keywords are case-blind). */
export const isWord = (t: Token | undefined, word: string): boolean => t?.kind === 'word' && t.text.toUpperCase() === word;

/** The index just past the parenthesis that closes the one at `open`. */
export function closing(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const text = tokens[i].kind === 'punct' ? tokens[i].text : '';
    if (text === '(') depth++;
    else if (text === ')' && --depth === 0) return i + 1;
  }
  return tokens.length;
}

/** Where the first `(` at or after `from` is, or -1. */
export function nextOpen(tokens: readonly Token[], from = 0): number {
  for (let i = from; i < tokens.length; i++) if (tokens[i].kind === 'punct' && tokens[i].text === '(') return i;
  return -1;
}

/** What the parentheses at `open` hold, split at their own commas, each part trimmed. */
export function listIn(tokens: readonly Token[], open: number): Token[][] {
  const end = closing(tokens, open) - 1;
  const parts: Token[][] = [[]];
  let depth = 0;
  for (let i = open + 1; i < end; i++) {
    const t = tokens[i];
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')') depth--;
    if (depth === 0 && t.kind === 'punct' && t.text === ',') parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts.map(trim);
}

export function trim(tokens: readonly Token[]): Token[] {
  let start = 0;
  let end = tokens.length;
  while (start < end && isBlank(tokens[start])) start++;
  while (end > start && isBlank(tokens[end - 1])) end--;
  return tokens.slice(start, end);
}

/** A name as written, without the quotes around it. */
export function unquote(text: string): string {
  return /^["`[]/.test(text) ? text.slice(1, -1) : text;
}
