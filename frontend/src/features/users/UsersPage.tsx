import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/errors';
import type { User } from '../../api/types';
import { useCurrentUser } from '../../auth/AuthProvider';
import { roleLabels } from '../../auth/roles';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, clampOffset, useListState, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { Modal } from '../../components/Modal';
import { PageHeader } from '../../components/PageHeader';
import { SecretReveal } from '../../components/SecretReveal';
import { useToast } from '../../components/Toasts';
import { formatDateTime } from '../dashboard/format';
import { toUpdateInput, useDeleteUser, useResetPassword, useUpdateUser, useUsers } from './api';
import { UserFormDrawer, type UserFormMode } from './UserFormDrawer';
import styles from './UsersPage.module.css';

const roleTone: Record<User['role'], BadgeTone> = { admin: 'info', supervisor: 'warning', agent: 'neutral' };

interface Revealed {
  title: string;
  intro: string;
  password: string;
}

export default function UsersPage() {
  const me = useCurrentUser();
  const toast = useToast();
  const list = useListState(25);
  const users = useUsers(list.query);
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const reset = useResetPassword();

  const [form, setForm] = useState<UserFormMode | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);

  const total = users.data?.total ?? 0;
  const { offset, limit, setOffset } = list;
  // After deleting the only row of the last page, step back to a page that has rows.
  useEffect(() => {
    if (users.data) setOffset(clampOffset(total, limit, offset));
  }, [users.data, total, limit, offset, setOffset]);

  const toggleDisabled = async (user: User) => {
    try {
      await update.mutateAsync({ id: user.id, input: toUpdateInput(user, { disabled: !user.disabled }) });
      toast.success(`${user.name || user.email} ${user.disabled ? 'can sign in again' : 'is disabled'}.`);
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      await remove.mutateAsync(deleting.id);
      toast.success(`${deleting.name || deleting.email} was deleted.`);
      setDeleting(null);
    } catch {
      // The dialog shows the error (e.g. 409: you cannot delete yourself).
    }
  };

  const confirmReset = async () => {
    if (!resetting) return;
    try {
      const { password } = await reset.mutateAsync(resetting.id);
      setRevealed({
        title: 'Password reset',
        intro: `Give this new password to ${resetting.name || resetting.email}. They were signed out everywhere.`,
        password,
      });
      setResetting(null);
    } catch {
      // Shown inside the dialog.
    }
  };

  const columns: Column<User>[] = [
    {
      key: 'user',
      header: 'User',
      render: (user) => (
        <div className={styles.user}>
          <span className={styles.name}>{user.name || '—'}</span>
          <span className={styles.email}>{user.email}</span>
        </div>
      ),
    },
    {
      key: 'role',
      header: 'Role',
      render: (user) => <Badge tone={roleTone[user.role]}>{roleLabels[user.role]}</Badge>,
    },
    {
      key: 'status',
      header: 'Status',
      render: (user) => (user.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge tone="success">Active</Badge>),
    },
    {
      key: 'lastLogin',
      header: 'Last sign-in',
      hideOnMobile: true,
      render: (user) => (user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'Never'),
    },
    {
      key: 'actions',
      header: 'Actions',
      align: 'right',
      render: (user) => {
        const label = user.name || user.email;
        const isMe = user.id === me.id;
        return (
          <div className={styles.actions}>
            <Button
              size="sm"
              variant="ghost"
              icon="edit"
              aria-label={`Edit ${label}`}
              title="Edit"
              onClick={() => setForm({ kind: 'edit', user })}
            />
            <Button
              size="sm"
              variant="ghost"
              icon="key"
              aria-label={`Reset password of ${label}`}
              title="Reset password"
              onClick={() => {
                reset.reset();
                setResetting(user);
              }}
            />
            <Button
              size="sm"
              variant="ghost"
              icon={user.disabled ? 'check' : 'lock'}
              aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${label}`}
              title={user.disabled ? 'Enable' : 'Disable'}
              disabled={isMe}
              onClick={() => void toggleDisabled(user)}
            />
            <Button
              size="sm"
              variant="ghost"
              icon="trash"
              aria-label={`Delete ${label}`}
              title={isMe ? 'You cannot delete yourself' : 'Delete'}
              disabled={isMe}
              onClick={() => {
                remove.reset();
                setDeleting(user);
              }}
            />
          </div>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title="Users"
        description="People who can sign in to BotPBX, and what they may do."
        actions={
          <Button variant="primary" icon="plus" onClick={() => setForm({ kind: 'create' })}>
            Add user
          </Button>
        }
      />
      <DataTable
        label="Users"
        columns={columns}
        rows={users.data?.items}
        total={total}
        rowKey={(user) => String(user.id)}
        loading={users.isFetching}
        error={users.error}
        onRetry={() => void users.refetch()}
        search={{ value: list.search, onChange: list.setSearch, placeholder: 'Search by name or email' }}
        paging={{ limit, offset, onChange: setOffset }}
        empty={<EmptyState icon="users" title="No users yet" />}
      />

      <UserFormDrawer
        mode={form}
        onClose={() => setForm(null)}
        onCreated={(user) => {
          setForm(null);
          toast.success(`${user.name || user.email} was created.`);
          if (user.initialPassword) {
            setRevealed({
              title: 'User created',
              intro: `Give this password to ${user.name || user.email}. They can change it under Settings.`,
              password: user.initialPassword,
            });
          }
        }}
        onSaved={(user) => {
          setForm(null);
          toast.success(`${user.name || user.email} was saved.`);
        }}
      />

      <ConfirmDialog
        open={deleting !== null}
        title="Delete user?"
        confirmLabel="Delete"
        busy={remove.isPending}
        error={remove.error}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        {deleting?.name || deleting?.email} will no longer be able to sign in. This cannot be undone.
      </ConfirmDialog>

      <ConfirmDialog
        open={resetting !== null}
        title="Reset password?"
        confirmLabel="Reset password"
        tone="primary"
        busy={reset.isPending}
        error={reset.error}
        onConfirm={() => void confirmReset()}
        onCancel={() => setResetting(null)}
      >
        A new password is generated for {resetting?.name || resetting?.email} and they are signed out everywhere.
      </ConfirmDialog>

      <Modal
        open={revealed !== null}
        title={revealed?.title ?? ''}
        onClose={() => setRevealed(null)}
        footer={
          <Button variant="primary" onClick={() => setRevealed(null)}>
            Done
          </Button>
        }
      >
        <p>{revealed?.intro}</p>
        {revealed && <SecretReveal label="Password" value={revealed.password} />}
      </Modal>
    </>
  );
}
