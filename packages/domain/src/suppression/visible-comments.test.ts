import { describe, expect, it } from 'vitest';
import type { Visibility } from './suppressed-value.ts';
import { visibleComments } from './visible-comments.ts';

const comments = ['  Bra samarbete i arbetslaget ', 'Öppnare dialog behövs', 'Ambitiöst', ''];

describe('visibleComments', () => {
  it.each([
    { n: 5, threshold: 5 },
    { n: 3, threshold: 3 },
    { n: 10, threshold: 10 },
    { n: 40, threshold: 5 },
  ])('shows the comments when n = $n and the threshold is $threshold', ({ n, threshold }) => {
    expect(visibleComments(comments, n, threshold)).toEqual({
      comments: ['Ambitiöst', 'Bra samarbete i arbetslaget', 'Öppnare dialog behövs'],
      suppressed: false,
    });
  });

  it.each([
    { n: 4, threshold: 5, reason: 'below-threshold' },
    { n: 1, threshold: 5, reason: 'below-threshold' },
    { n: 2, threshold: 3, reason: 'below-threshold' },
    { n: 9, threshold: 10, reason: 'below-threshold' },
    { n: 0, threshold: 5, reason: 'no-data' },
  ])('hides every comment when n = $n and the threshold is $threshold', ({ n, threshold, reason }) => {
    const result = visibleComments(comments, n, threshold);
    expect(result.comments).toEqual([]);
    expect(result.suppressed).toBe(true);
    expect(result.suppressed && result.reason).toBe(reason);
    expect(result.suppressed && result.explanation).toContain('Visas inte:');
  });

  it.each<Visibility>([
    { visible: false, reason: 'secondary' },
    { visible: false, reason: 'parent-hidden' },
  ])('hides the comments of a large group hidden by secondary suppression ($reason)', (visibility) => {
    const result = visibleComments(comments, 12, 5, visibility);
    expect(result).toMatchObject({ comments: [], suppressed: true, reason: visibility.reason });
  });

  it('shows the comments of a large group whose decision is visible', () => {
    expect(visibleComments(['b', 'a'], 12, 5, { visible: true, reason: null })).toEqual({ comments: ['a', 'b'], suppressed: false });
  });

  it('orders comments alphabetically in Swedish, not by when they were written', () => {
    const result = visibleComments(['ö', 'å', 'ä', 'z', 'a'], 5, 5);
    expect(result.comments).toEqual(['a', 'z', 'å', 'ä', 'ö']);
  });

  it('does not change the input list', () => {
    const input = ['b', 'a'];
    visibleComments(input, 5, 5);
    expect(input).toEqual(['b', 'a']);
  });

  it('refuses an invalid threshold or n', () => {
    expect(() => visibleComments([], 5, 11)).toThrow(RangeError);
    expect(() => visibleComments([], -1, 5)).toThrow(RangeError);
  });
});
