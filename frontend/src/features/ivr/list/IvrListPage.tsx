// /ivrs — every IVR with its state (draft, or published vN), to create, open, see its calls, rename and delete.
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../../api/client';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DataTable, clampOffset, useListState, type Column } from '../../../components/DataTable';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { useToast } from '../../../components/Toasts';
import { formatDateTime } from '../../dashboard/format';
import { useCreateIvr, useDeleteIvr, useIvrs, useSaveIvr, type Ivr, type IvrSummary } from '../api';
import { IvrNameDialog } from './IvrNameDialog';
import styles from './IvrListPage.module.css';

export default function IvrListPage() {
  const toast = useToast();
  const navigate = useNavigate();
  const list = useListState(25);
  const ivrs = useIvrs(list.query);
  const create = useCreateIvr();
  const save = useSaveIvr();
  const remove = useDeleteIvr();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<IvrSummary | null>(null);
  const [deleting, setDeleting] = useState<IvrSummary | null>(null);

  const total = ivrs.data?.total ?? 0;
  const { offset, limit, setOffset } = list;
  useEffect(() => {
    if (ivrs.data) setOffset(clampOffset(total, limit, offset));
  }, [ivrs.data, total, limit, offset, setOffset]);

  const columns: Column<IvrSummary>[] = [
    {
      key: 'name',
      header: 'Name',
      render: (ivr) => (
        <Link to={`/ivrs/${ivr.id}`} className={styles.name}>
          {ivr.name}
        </Link>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      render: (ivr) =>
        ivr.publishedVersion ? <Badge tone="success">Published v{ivr.publishedVersion}</Badge> : <Badge>Draft</Badge>,
    },
    { key: 'draft', header: 'Draft saved', hideOnMobile: true, render: (ivr) => formatDateTime(ivr.draftUpdatedAt) },
    {
      key: 'actions',
      header: 'Actions',
      align: 'right',
      render: (ivr) => (
        <div className={styles.actions}>
          {/* Named "Calls" only: a link whose name held the IVR's name would compete with the name link itself. */}
          <Link
            to={`/ivrs/${ivr.id}?view=calls`}
            className={styles.callsLink}
            title="Recent calls and the path each one took"
          >
            Calls
          </Link>
          <Button
            size="sm"
            variant="ghost"
            icon="edit"
            aria-label={`Rename ${ivr.name}`}
            title="Rename"
            onClick={() => setRenaming(ivr)}
          />
          <Button
            size="sm"
            variant="ghost"
            icon="trash"
            aria-label={`Delete ${ivr.name}`}
            title="Delete"
            onClick={() => {
              remove.reset();
              setDeleting(ivr);
            }}
          />
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="IVRs"
        description="Phone menus drawn as flows. Publish a flow to use it for new calls; route a number to it under Inbound Routes."
        actions={
          <Button
            variant="primary"
            icon="plus"
            onClick={() => {
              create.reset();
              setCreating(true);
            }}
          >
            New IVR
          </Button>
        }
      />
      <DataTable
        label="IVRs"
        columns={columns}
        rows={ivrs.data?.items}
        total={total}
        rowKey={(ivr) => String(ivr.id)}
        loading={ivrs.isFetching}
        error={ivrs.error}
        onRetry={() => void ivrs.refetch()}
        search={{ value: list.search, onChange: list.setSearch, placeholder: 'Search by name' }}
        paging={{ limit, offset, onChange: setOffset }}
        empty={
          <EmptyState icon="ivr" title="No IVRs yet">
            Create one to draw your first phone menu.
          </EmptyState>
        }
      />

      <IvrNameDialog
        open={creating}
        title="New IVR"
        submitLabel="Create and open"
        initialName=""
        busy={create.isPending}
        error={create.error}
        onClose={() => setCreating(false)}
        onSubmit={async (name) => {
          try {
            const ivr = await create.mutateAsync({ name });
            setCreating(false);
            navigate(`/ivrs/${ivr.id}`);
          } catch {
            // Shown in the dialog.
          }
        }}
      />

      <IvrNameDialog
        open={renaming !== null}
        title="Rename IVR"
        submitLabel="Rename"
        initialName={renaming?.name ?? ''}
        busy={save.isPending}
        error={save.error}
        onClose={() => {
          save.reset();
          setRenaming(null);
        }}
        onSubmit={async (name) => {
          if (!renaming) return;
          try {
            // Renaming saves the draft as it is: read it, and put it back under the new name.
            const current = await api.get<Ivr>(`/api/ivrs/${renaming.id}`);
            await save.mutateAsync({ id: renaming.id, name, flow: current.flow });
            toast.success(`Renamed to ${name}.`);
            setRenaming(null);
          } catch {
            // Shown in the dialog.
          }
        }}
      />

      <ConfirmDialog
        open={deleting !== null}
        title="Delete IVR?"
        confirmLabel="Delete"
        busy={remove.isPending}
        error={remove.error}
        onCancel={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return;
          try {
            await remove.mutateAsync(deleting.id);
            toast.success(`${deleting.name} was deleted.`);
            setDeleting(null);
          } catch {
            // Shown in the dialog.
          }
        }}
      >
        {deleting?.name} is deleted with all its versions and call traces. Numbers routed to it will reach the fallback.
      </ConfirmDialog>
    </>
  );
}
