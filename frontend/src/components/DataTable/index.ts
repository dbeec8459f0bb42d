export { DataTable, type Column, type DataTableProps } from './DataTable';
export { useListState, useDebouncedValue } from './useListState';
export { pageInfo, clampOffset } from './paging';
