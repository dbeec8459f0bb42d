import { describe, expect, it } from 'vitest';
import { clampOffset, nextOffset, pageInfo, previousOffset } from './paging';

describe('pageInfo', () => {
  it('describes the first page of a long list', () => {
    expect(pageInfo(120, 50, 0, 50)).toEqual({ from: 1, to: 50, page: 1, pages: 3, hasPrevious: false, hasNext: true });
  });

  it('describes the last, partial page', () => {
    expect(pageInfo(120, 50, 100, 20)).toEqual({
      from: 101,
      to: 120,
      page: 3,
      pages: 3,
      hasPrevious: true,
      hasNext: false,
    });
  });

  it('describes an empty list as one empty page', () => {
    expect(pageInfo(0, 50, 0, 0)).toEqual({ from: 0, to: 0, page: 1, pages: 1, hasPrevious: false, hasNext: false });
  });
});

describe('offsets', () => {
  it('never goes before the first row', () => {
    expect(previousOffset(50, 20)).toBe(0);
    expect(previousOffset(50, 100)).toBe(50);
    expect(nextOffset(50, 100)).toBe(150);
  });

  it('steps back to the last page that has rows after the end shrank', () => {
    expect(clampOffset(50, 25, 50)).toBe(25);
    expect(clampOffset(0, 25, 25)).toBe(0);
    expect(clampOffset(51, 25, 50)).toBe(50);
  });
});
