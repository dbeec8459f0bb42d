// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/errors';
import { DataTable, type Column } from './DataTable';

interface Row {
  id: number;
  name: string;
}

const columns: Column<Row>[] = [{ key: 'name', header: 'Name', render: (row) => row.name }];
const rows = (count: number, from = 1): Row[] =>
  Array.from({ length: count }, (_, i) => ({ id: from + i, name: `Row ${from + i}` }));

afterEach(cleanup);

function renderTable(props: Partial<Parameters<typeof DataTable<Row>>[0]> = {}) {
  return render(
    <DataTable<Row>
      label="Things"
      columns={columns}
      rows={[]}
      total={0}
      rowKey={(row) => String(row.id)}
      empty={<p>Nothing here yet</p>}
      {...props}
    />,
  );
}

describe('DataTable', () => {
  it('shows the page’s own empty state when there is nothing and no search', () => {
    renderTable({ search: { value: '', onChange: () => undefined } });
    expect(screen.getByText('Nothing here yet')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('says nothing matches when a search finds nothing', () => {
    renderTable({ search: { value: 'zed', onChange: () => undefined } });
    expect(screen.getByText('No matches')).toBeTruthy();
    expect(screen.queryByText('Nothing here yet')).toBeNull();
  });

  it('passes what is typed in the search box on', () => {
    const onChange = vi.fn();
    renderTable({ search: { value: '', onChange } });
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'ann' } });
    expect(onChange).toHaveBeenCalledWith('ann');
  });

  it('renders the rows and pages through them by limit', () => {
    const onChange = vi.fn();
    renderTable({ rows: rows(10, 11), total: 25, paging: { limit: 10, offset: 10, onChange } });

    const table = screen.getByRole('table', { name: 'Things' });
    expect(within(table).getAllByRole('row')).toHaveLength(11);
    expect(screen.getByText('11–20 of 25')).toBeTruthy();
    expect(screen.getByText('Page 2 of 3')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: /Next/ }));
    expect(onChange).toHaveBeenLastCalledWith(20);
    fireEvent.click(screen.getByRole('button', { name: /Previous/ }));
    expect(onChange).toHaveBeenLastCalledWith(0);
  });

  it('shows a load failure with a way to retry', () => {
    const onRetry = vi.fn();
    renderTable({
      rows: undefined,
      error: new ApiError({ status: 503, code: 'database_unavailable', message: 'The database is not reachable.' }),
      onRetry,
    });
    expect(screen.getByRole('alert').textContent).toContain('The database is not reachable.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
