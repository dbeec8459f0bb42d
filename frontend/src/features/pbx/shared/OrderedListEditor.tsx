import type { ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { moveItem, removeAt } from './orderedList';
import styles from './pbx.module.css';

export interface OrderedListEditorProps<T> {
  /** The list's name, read out with each row's buttons ("Move follow-me step 2 up"). */
  label: string;
  items: readonly T[];
  /** Renders the inputs of one row; `index` is its position (0-based). */
  renderItem: (item: T, index: number) => ReactNode;
  onChange: (
    items: T[],
    change: { kind: 'move'; index: number; delta: number } | { kind: 'remove'; index: number },
  ) => void;
  onAdd?: () => void;
  addLabel?: string;
  /** Shown when the list is empty. */
  emptyText?: string;
  /** Lists where the order means nothing (members of a queue) hide the move buttons. */
  ordered?: boolean;
  errors?: readonly string[];
}

/** Rows with move up / move down / remove buttons, for lists whose order Asterisk follows. */
export function OrderedListEditor<T>({
  label,
  items,
  renderItem,
  onChange,
  onAdd,
  addLabel = 'Add',
  emptyText,
  ordered = true,
  errors = [],
}: OrderedListEditorProps<T>) {
  return (
    <div className={styles.listEditor} role="group" aria-label={label}>
      {items.length === 0 && emptyText && <p className={styles.listEmpty}>{emptyText}</p>}
      {items.length > 0 && (
        <ol className={styles.listRows}>
          {items.map((item, index) => (
            <li key={index} className={styles.listRow}>
              {ordered && <span className={styles.listIndex}>{index + 1}</span>}
              <div className={styles.listItem}>{renderItem(item, index)}</div>
              <div className={styles.listButtons}>
                {ordered && (
                  <>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Move ${label} ${index + 1} up`}
                      title="Move up"
                      disabled={index === 0}
                      onClick={() => onChange(moveItem(items, index, -1), { kind: 'move', index, delta: -1 })}
                    >
                      ↑
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Move ${label} ${index + 1} down`}
                      title="Move down"
                      disabled={index === items.length - 1}
                      onClick={() => onChange(moveItem(items, index, 1), { kind: 'move', index, delta: 1 })}
                    >
                      ↓
                    </Button>
                  </>
                )}
                <Button
                  size="sm"
                  variant="ghost"
                  icon="trash"
                  aria-label={`Remove ${label} ${index + 1}`}
                  title="Remove"
                  onClick={() => onChange(removeAt(items, index), { kind: 'remove', index })}
                />
              </div>
            </li>
          ))}
        </ol>
      )}
      {errors.length > 0 && (
        <ul className={styles.listErrors}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {onAdd && (
        <div>
          <Button size="sm" icon="plus" onClick={onAdd}>
            {addLabel}
          </Button>
        </div>
      )}
    </div>
  );
}
