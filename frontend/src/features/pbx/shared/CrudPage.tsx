import { useEffect, useState, type ReactNode } from 'react';
import type { Id } from '../../../api/types';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DataTable, clampOffset, useListState, type Column } from '../../../components/DataTable';
import { EmptyState } from '../../../components/EmptyState';
import type { IconName } from '../../../components/Icon';
import { PageHeader } from '../../../components/PageHeader';
import { useToast } from '../../../components/Toasts';
import { useCurrentUser } from '../../../auth/AuthProvider';
import { hasRole } from '../../../auth/roles';
import { PendingChangesBanner } from '../asterisk/PendingChangesBanner';
import type { CrudApi } from './crudApi';
import styles from './pbx.module.css';

export type FormMode<T> = { kind: 'create' } | { kind: 'edit'; item: T };

export interface FormProps<T> {
  /** null while the drawer is closed. */
  mode: FormMode<T> | null;
  onClose: () => void;
  /** Called after a successful save with a sentence for the toast. */
  onSaved: (message: string) => void;
}

export interface CrudPageProps<T extends { id: Id }> {
  title: string;
  description: ReactNode;
  /** Lower-case singular noun for buttons and dialogs ("extension", "ring group"). */
  noun: string;
  icon: IconName;
  api: Pick<CrudApi<T, unknown, unknown>, 'useList' | 'useDelete'>;
  columns: Column<T>[];
  /** How a row is named in button labels and dialogs ("101 Front desk"). */
  rowLabel: (row: T) => string;
  searchPlaceholder: string;
  emptyText: ReactNode;
  Form: (props: FormProps<T>) => ReactNode;
  /** Extra buttons before Edit/Delete in each row. */
  rowActions?: (row: T) => ReactNode;
  /** What deleting means, in the confirm dialog. */
  deleteWarning?: (row: T) => ReactNode;
  /** Content under the table (help text, a second card). */
  children?: ReactNode;
}

/**
 * The page every PBX object kind shares: header with "Add", the pending-changes banner, a searchable table,
 * the create/edit drawer and a delete confirmation that shows the server's 409 ("still used by …").
 */
export function CrudPage<T extends { id: Id }>({
  title,
  description,
  noun,
  icon,
  api,
  columns,
  rowLabel,
  searchPlaceholder,
  emptyText,
  Form,
  rowActions,
  deleteWarning,
  children,
}: CrudPageProps<T>) {
  const toast = useToast();
  // Supervisors may look at some PBX lists (queues); only admins change the PBX.
  const canWrite = hasRole(useCurrentUser().role, 'admin');
  const list = useListState(25);
  const rows = api.useList(list.query);
  const remove = api.useDelete();
  const [mode, setMode] = useState<FormMode<T> | null>(null);
  const [deleting, setDeleting] = useState<T | null>(null);

  const total = rows.data?.total ?? 0;
  const { offset, limit, setOffset } = list;
  useEffect(() => {
    if (rows.data) setOffset(clampOffset(total, limit, offset));
  }, [rows.data, total, limit, offset, setOffset]);

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting.id);
      toast.success(`${rowLabel(deleting)} was deleted.`);
      setDeleting(null);
    } catch {
      // The dialog shows why (409: what still points at it).
    }
  };

  const create = () => setMode({ kind: 'create' });
  const addLabel = `Add ${noun}`;

  const allColumns: Column<T>[] = [...columns];
  if (canWrite)
    allColumns.push({
      key: 'actions',
      header: 'Actions',
      align: 'right',
      render: (row) => {
        const label = rowLabel(row);
        return (
          <div className={styles.actions}>
            {rowActions?.(row)}
            <Button
              size="sm"
              variant="ghost"
              icon="edit"
              aria-label={`Edit ${label}`}
              title="Edit"
              onClick={() => setMode({ kind: 'edit', item: row })}
            />
            <Button
              size="sm"
              variant="ghost"
              icon="trash"
              aria-label={`Delete ${label}`}
              title="Delete"
              onClick={() => {
                remove.reset();
                setDeleting(row);
              }}
            />
          </div>
        );
      },
    });

  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={
          canWrite && (
            <Button variant="primary" icon="plus" onClick={create}>
              {addLabel}
            </Button>
          )
        }
      />
      <PendingChangesBanner />
      <DataTable
        label={title}
        columns={allColumns}
        rows={rows.data?.items}
        total={total}
        rowKey={(row) => String(row.id)}
        loading={rows.isFetching}
        error={rows.error}
        onRetry={() => void rows.refetch()}
        search={{ value: list.search, onChange: list.setSearch, placeholder: searchPlaceholder }}
        paging={{ limit, offset, onChange: setOffset }}
        empty={
          <EmptyState
            icon={icon}
            title={`No ${title.toLowerCase()} yet`}
            action={
              canWrite && (
                <Button variant="primary" icon="plus" onClick={create}>
                  {addLabel}
                </Button>
              )
            }
          >
            {emptyText}
          </EmptyState>
        }
      />
      {children}

      <Form
        mode={mode}
        onClose={() => setMode(null)}
        onSaved={(message) => {
          setMode(null);
          toast.success(message);
        }}
      />

      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${noun}?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        {deleting && (deleteWarning?.(deleting) ?? `${rowLabel(deleting)} will be removed. This cannot be undone.`)}
      </ConfirmDialog>
    </>
  );
}
