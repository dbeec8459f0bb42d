import type { ReactNode } from 'react';
import { errorMessage } from '../../api/errors';
import { Alert } from '../Alert';
import { Button } from '../Button';
import { EmptyState } from '../EmptyState';
import { Icon } from '../Icon';
import { nextOffset, pageInfo, previousOffset } from './paging';
import styles from './DataTable.module.css';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** Right-align numbers and action buttons. */
  align?: 'left' | 'right';
  /** Columns that can go on narrow screens (the first column always stays). */
  hideOnMobile?: boolean;
  width?: string;
}

export interface DataTableProps<T> {
  columns: readonly Column<T>[];
  rows: readonly T[] | undefined;
  total: number;
  rowKey: (row: T) => string;
  /** A caption for screen readers and tests ("Users"). */
  label: string;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  search?: { value: string; onChange: (value: string) => void; placeholder?: string };
  paging?: { limit: number; offset: number; onChange: (offset: number) => void };
  /** Shown when the list is empty and no search is active. */
  empty: ReactNode;
  toolbar?: ReactNode;
}

/** A searchable, paged table over a `{ items, total }` list endpoint. */
export function DataTable<T>({
  columns,
  rows,
  total,
  rowKey,
  label,
  loading,
  error,
  onRetry,
  search,
  paging,
  empty,
  toolbar,
}: DataTableProps<T>) {
  const items = rows ?? [];
  const searching = !!search && search.value.trim() !== '';
  const info = paging ? pageInfo(total, paging.limit, paging.offset, items.length) : null;

  let body: ReactNode;
  if (error && items.length === 0) {
    body = (
      <div className={styles.message}>
        <Alert tone="error" title="The list could not be loaded">
          {errorMessage(error)}
        </Alert>
        {onRetry && (
          <Button icon="refresh" onClick={onRetry}>
            Try again
          </Button>
        )}
      </div>
    );
  } else if (loading && !rows) {
    body = <div className={styles.loading}>Loading…</div>;
  } else if (items.length === 0) {
    body = searching ? (
      <EmptyState icon="search" title="No matches">
        Nothing matches “{search.value.trim()}”. Try a different search.
      </EmptyState>
    ) : (
      empty
    );
  } else {
    body = (
      <div className={styles.scroll}>
        <table className={styles.table} aria-label={label} aria-busy={loading || undefined}>
          <thead>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  style={column.width ? { width: column.width } : undefined}
                  className={[column.align === 'right' && styles.right, column.hideOnMobile && styles.optional]
                    .filter(Boolean)
                    .join(' ')}
                >
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => (
                  <td
                    key={column.key}
                    className={[column.align === 'right' && styles.right, column.hideOnMobile && styles.optional]
                      .filter(Boolean)
                      .join(' ')}
                  >
                    {column.render(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <div className={styles.wrap}>
      {(search || toolbar) && (
        <div className={styles.toolbar}>
          {search && (
            <label className={styles.search}>
              <Icon name="search" size={16} />
              <span className="visually-hidden">Search</span>
              <input
                type="search"
                value={search.value}
                placeholder={search.placeholder ?? 'Search'}
                onChange={(event) => search.onChange(event.target.value)}
              />
            </label>
          )}
          {toolbar}
        </div>
      )}
      {body}
      {paging && info && total > 0 && (
        <div className={styles.footer}>
          <span>
            {info.from}–{info.to} of {total}
          </span>
          <div className={styles.pager}>
            <Button
              size="sm"
              variant="ghost"
              icon="chevronLeft"
              disabled={!info.hasPrevious}
              onClick={() => paging.onChange(previousOffset(paging.limit, paging.offset))}
            >
              Previous
            </Button>
            <span>
              Page {info.page} of {info.pages}
            </span>
            <Button
              size="sm"
              variant="ghost"
              disabled={!info.hasNext}
              onClick={() => paging.onChange(nextOffset(paging.limit, paging.offset))}
            >
              Next
              <Icon name="chevronRight" size={16} />
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
