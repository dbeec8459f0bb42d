import { useEffect, useState } from 'react';
import type { ListQuery } from '../../api/types';

/** Waits until the value has stopped changing for `delay` ms (search boxes: one request per pause, not per key). */
export function useDebouncedValue<T>(value: T, delay = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/**
 * The state behind a searchable, paged list: what the user typed, the debounced query to send,
 * and the offset, which goes back to the first page whenever the search changes.
 */
export function useListState(limit = 50) {
  const [search, setSearchText] = useState('');
  const [offset, setOffset] = useState(0);
  const debouncedSearch = useDebouncedValue(search.trim());

  const setSearch = (value: string) => {
    setSearchText(value);
    setOffset(0);
  };

  const query: ListQuery = { search: debouncedSearch || undefined, limit, offset };
  return { search, setSearch, offset, setOffset, limit, query };
}
