/**
 * Light markup for the quality cycle's texts (analysis, causes, evidence, evaluation):
 *
 * - a blank line starts a new paragraph; lines next to each other join into one paragraph;
 * - lines starting with "- " (or "* ") form a bullet list;
 * - lines starting with "1. ", "2. " … form a numbered list.
 *
 * The parser never produces markup: the blocks hold plain text, rendered as React elements on
 * screen and as pdfmake nodes in the quality report.
 */

export type RichTextBlock =
  | { type: 'paragraph'; text: string }
  | { type: 'bullets'; items: string[] }
  | { type: 'numbered'; items: string[]; start: number };

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,3})[.)]\s+(.*)$/;

type Line =
  | { kind: 'blank' }
  | { kind: 'text'; text: string }
  | { kind: 'bullet'; text: string }
  | { kind: 'numbered'; text: string; n: number };

function classify(raw: string): Line {
  const line = raw.replace(/\s+$/, '');
  if (line.trim() === '') return { kind: 'blank' };
  const bullet = BULLET.exec(line);
  if (bullet) return { kind: 'bullet', text: (bullet[1] ?? '').trim() };
  const numbered = NUMBERED.exec(line);
  if (numbered) return { kind: 'numbered', text: (numbered[2] ?? '').trim(), n: Number(numbered[1]) };
  return { kind: 'text', text: line.trim() };
}

/** Parses a text with light markup into blocks. Empty input gives no blocks. */
export function parseRichText(input: string): RichTextBlock[] {
  const blocks: RichTextBlock[] = [];
  let current: RichTextBlock | null = null;
  const flush = () => {
    if (current) blocks.push(current);
    current = null;
  };
  for (const raw of input.replace(/\r\n?/g, '\n').split('\n')) {
    const line = classify(raw);
    if (line.kind === 'blank') {
      flush();
      continue;
    }
    const open = current as RichTextBlock | null;
    if (line.kind === 'bullet') {
      if (open?.type === 'bullets') open.items.push(line.text);
      else {
        flush();
        current = { type: 'bullets', items: [line.text] };
      }
    } else if (line.kind === 'numbered') {
      if (open?.type === 'numbered') open.items.push(line.text);
      else {
        flush();
        current = { type: 'numbered', items: [line.text], start: line.n };
      }
    } else if (open?.type === 'paragraph') {
      open.text = `${open.text} ${line.text}`;
    } else if (open && open.items.length > 0) {
      // An indented or plain line right after a list item continues that item.
      const last = open.items.length - 1;
      open.items[last] = `${open.items[last]} ${line.text}`;
    } else {
      flush();
      current = { type: 'paragraph', text: line.text };
    }
  }
  flush();
  return blocks;
}

/** The blocks as plain text (for search, previews and tests). */
export function richTextToPlain(blocks: readonly RichTextBlock[]): string {
  return blocks
    .map((b) => {
      if (b.type === 'paragraph') return b.text;
      if (b.type === 'bullets') return b.items.map((i) => `• ${i}`).join('\n');
      return b.items.map((i, k) => `${b.start + k}. ${i}`).join('\n');
    })
    .join('\n\n');
}
