import { useEffect, useState } from 'react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, clampOffset, useListState, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { CheckboxField } from '../../components/form/Field';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toasts';
import { formatDateTime } from '../dashboard/format';
import { useSipBans, useUnban, type BanStatus, type SipBan } from './api';
import { SipProtectionCard } from './SipProtectionCard';
import styles from './SipSecurityPage.module.css';

const liftLabels: Record<NonNullable<SipBan['liftReason']>, string> = {
  expired: 'Expired',
  unbanned: 'Unbanned',
  allow_listed: 'Allow-listed',
};

function statusOf(ban: SipBan) {
  if (ban.active) return <Badge tone="danger">Banned</Badge>;
  return <Badge tone="neutral">{ban.liftReason ? liftLabels[ban.liftReason] : 'Expired'}</Badge>;
}

export default function SipSecurityPage() {
  const toast = useToast();
  const list = useListState(25);
  const [status, setStatus] = useState<BanStatus>('active');
  const bans = useSipBans(status, list.query);
  const unban = useUnban();
  const [lifting, setLifting] = useState<SipBan | null>(null);

  const total = bans.data?.total ?? 0;
  const { offset, limit, setOffset } = list;
  useEffect(() => {
    if (bans.data) setOffset(clampOffset(total, limit, offset));
  }, [bans.data, total, limit, offset, setOffset]);

  const confirmUnban = async () => {
    if (!lifting) return;
    try {
      await unban.mutateAsync(lifting.id);
      toast.success(`${lifting.address} can reach the phone system again.`);
      setLifting(null);
    } catch {
      // Shown inside the dialog (e.g. the ban ended meanwhile).
    }
  };

  const columns: Column<SipBan>[] = [
    { key: 'address', header: 'Address', render: (ban) => <span className={styles.address}>{ban.address}</span> },
    { key: 'status', header: 'Status', render: statusOf },
    {
      key: 'tried',
      header: 'Tried to sign in as',
      hideOnMobile: true,
      render: (ban) => (ban.lastAccount ? <span className={styles.account}>{ban.lastAccount}</span> : '—'),
    },
    {
      key: 'bannedAt',
      header: 'Banned',
      hideOnMobile: true,
      render: (ban) => <span className={styles.date}>{formatDateTime(ban.bannedAt)}</span>,
    },
    {
      key: 'until',
      header: 'Until',
      render: (ban) => (
        <span className={styles.date}>
          {formatDateTime(ban.active ? ban.expiresAt : (ban.liftedAt ?? ban.expiresAt))}
        </span>
      ),
    },
    {
      key: 'actions',
      header: 'Actions',
      align: 'right',
      render: (ban) =>
        ban.active ? (
          <Button
            size="sm"
            variant="secondary"
            aria-label={`Unban ${ban.address}`}
            onClick={() => {
              unban.reset();
              setLifting(ban);
            }}
          >
            Unban
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="SIP Security"
        description="Addresses that tried wrong passwords too often are refused by the phone system for a while. No fail2ban needed."
      />
      <div className={styles.layout}>
        <DataTable
          label="SIP bans"
          columns={columns}
          rows={bans.data?.items}
          total={total}
          rowKey={(ban) => String(ban.id)}
          loading={bans.isFetching}
          error={bans.error}
          onRetry={() => void bans.refetch()}
          search={{ value: list.search, onChange: list.setSearch, placeholder: 'Search by address or account' }}
          paging={{ limit, offset, onChange: setOffset }}
          toolbar={
            <CheckboxField
              label="Show ended bans too"
              checked={status === 'all'}
              onChange={(checked) => {
                setStatus(checked ? 'all' : 'active');
                setOffset(0);
              }}
            />
          }
          empty={
            <EmptyState icon="shield" title={status === 'active' ? 'No address is banned' : 'No bans yet'}>
              When an address fails to sign in too often, it appears here and is refused until its ban ends.
            </EmptyState>
          }
        />
        <div className={styles.settings}>
          <SipProtectionCard />
        </div>
      </div>
      <ConfirmDialog
        open={lifting !== null}
        title="Unban this address?"
        confirmLabel="Unban"
        tone="primary"
        busy={unban.isPending}
        error={unban.error}
        onConfirm={() => void confirmUnban()}
        onCancel={() => setLifting(null)}
      >
        {lifting && (
          <p>
            {lifting.address} can reach the phone system again at once. If it keeps failing to sign in, it will be
            banned again. To never ban it, add it to the allow-list.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
