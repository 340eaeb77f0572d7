import { describe, expect, it } from 'vitest';
import { parseRichText, type RichTextBlock, richTextToPlain } from './rich-text.ts';

const cases: { name: string; input: string; blocks: RichTextBlock[] }[] = [
  { name: 'empty text', input: '', blocks: [] },
  { name: 'only blank lines', input: '\n  \n\n', blocks: [] },
  { name: 'one paragraph', input: 'Eleverna vet vad som bedöms.', blocks: [{ type: 'paragraph', text: 'Eleverna vet vad som bedöms.' }] },
  {
    name: 'adjacent lines join into one paragraph',
    input: 'Första raden\nandra raden',
    blocks: [{ type: 'paragraph', text: 'Första raden andra raden' }],
  },
  {
    name: 'a blank line starts a new paragraph',
    input: 'Ett.\n\nTvå.',
    blocks: [
      { type: 'paragraph', text: 'Ett.' },
      { type: 'paragraph', text: 'Två.' },
    ],
  },
  {
    name: 'bullet list after a paragraph without a blank line',
    input: 'Orsaker:\n- tid för sambedömning saknas\n- olika rutiner',
    blocks: [
      { type: 'paragraph', text: 'Orsaker:' },
      { type: 'bullets', items: ['tid för sambedömning saknas', 'olika rutiner'] },
    ],
  },
  { name: 'star bullets', input: '* a\n* b', blocks: [{ type: 'bullets', items: ['a', 'b'] }] },
  {
    name: 'numbered list keeps its start',
    input: '3. tredje\n4. fjärde',
    blocks: [{ type: 'numbered', items: ['tredje', 'fjärde'], start: 3 }],
  },
  {
    name: 'a bullet list then a numbered list',
    input: '- a\n1. b',
    blocks: [
      { type: 'bullets', items: ['a'] },
      { type: 'numbered', items: ['b'], start: 1 },
    ],
  },
  {
    name: 'a continuation line joins the last item',
    input: '- en lång punkt\n  som fortsätter',
    blocks: [{ type: 'bullets', items: ['en lång punkt som fortsätter'] }],
  },
  {
    name: 'Windows line ends',
    input: 'a\r\n\r\nb',
    blocks: [
      { type: 'paragraph', text: 'a' },
      { type: 'paragraph', text: 'b' },
    ],
  },
  {
    name: 'a hyphen without a space is text',
    input: '-5 procent',
    blocks: [{ type: 'paragraph', text: '-5 procent' }],
  },
  {
    name: 'markup characters stay text',
    input: '<b>fet</b> & "citat"',
    blocks: [{ type: 'paragraph', text: '<b>fet</b> & "citat"' }],
  },
];

describe('parseRichText', () => {
  it.each(cases)('$name', ({ input, blocks }) => {
    expect(parseRichText(input)).toEqual(blocks);
  });

  it('treats a number above three digits as text, not a list', () => {
    expect(parseRichText('2026. Mål')).toEqual([{ type: 'paragraph', text: '2026. Mål' }]);
  });

  it('gives plain text back', () => {
    expect(richTextToPlain(parseRichText('Inledning\n\n- a\n- b\n\n1. c'))).toBe('Inledning\n\n• a\n• b\n\n1. c');
  });
});
