// Pure paging arithmetic for limit/offset lists (`{ items, total }`), kept apart from the table so it is testable.

export interface PageInfo {
  /** 1-based index of the first row shown, 0 when there are none. */
  from: number;
  /** 1-based index of the last row shown. */
  to: number;
  page: number;
  pages: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

export function pageInfo(total: number, limit: number, offset: number, shown: number): PageInfo {
  const safeLimit = Math.max(1, limit);
  const pages = Math.max(1, Math.ceil(total / safeLimit));
  const page = Math.min(pages, Math.floor(offset / safeLimit) + 1);
  return {
    from: shown === 0 ? 0 : offset + 1,
    to: offset + shown,
    page,
    pages,
    hasPrevious: offset > 0,
    hasNext: offset + shown < total,
  };
}

export function previousOffset(limit: number, offset: number): number {
  return Math.max(0, offset - limit);
}

export function nextOffset(limit: number, offset: number): number {
  return offset + limit;
}

/**
 * When the last row of the last page is deleted the current offset points past the end;
 * step back to the last page that still has rows.
 */
export function clampOffset(total: number, limit: number, offset: number): number {
  if (offset === 0 || offset < total) return offset;
  const safeLimit = Math.max(1, limit);
  return Math.max(0, (Math.ceil(total / safeLimit) - 1) * safeLimit);
}
