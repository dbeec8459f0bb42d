// Pure helpers behind every ordered list the PBX forms edit (follow-me steps, codec order, trunk sequence, dial
// patterns, members): the order is meaningful to Asterisk, so moves must never lose or duplicate an item.

/** A copy of `items` with the item at `index` moved by `delta` places; out-of-range moves return an equal copy. */
export function moveItem<T>(items: readonly T[], index: number, delta: number): T[] {
  const next = [...items];
  const target = index + delta;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return next;
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved as T);
  return next;
}

export function removeAt<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

export function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((current, i) => (i === index ? item : current));
}

/**
 * Server errors for list items are keyed by position (`members[2].penalty`). After a row is removed or moved, the
 * messages would sit under the wrong row, so they are re-keyed the same way the rows moved; `order[i]` is the old
 * index of the row now at `i`.
 */
export function reindexErrors(
  errors: Record<string, string[]>,
  field: string,
  order: readonly number[],
): Record<string, string[]> {
  const prefix = `${field}[`;
  const result: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors)) {
    if (!key.startsWith(prefix)) {
      result[key] = messages;
      continue;
    }
    const close = key.indexOf(']', prefix.length);
    const oldIndex = Number(key.slice(prefix.length, close));
    const newIndex = order.indexOf(oldIndex);
    if (close < 0 || Number.isNaN(oldIndex) || newIndex < 0) continue;
    result[`${prefix}${newIndex}${key.slice(close)}`] = messages;
  }
  return result;
}

/** The `order` argument of {@link reindexErrors} for a move. */
export function orderAfterMove(length: number, index: number, delta: number): number[] {
  return moveItem(
    Array.from({ length }, (_, i) => i),
    index,
    delta,
  );
}

/** The `order` argument of {@link reindexErrors} for a removal. */
export function orderAfterRemove(length: number, index: number): number[] {
  return removeAt(
    Array.from({ length }, (_, i) => i),
    index,
  );
}
