import { errorMessage } from '../../../api/errors';
import type { Id } from '../../../api/types';
import { Button } from '../../../components/Button';
import { useToast } from '../../../components/Toasts';
import { CrudPage } from '../shared/CrudPage';
import { moveItem } from '../shared/orderedList';
import styles from '../shared/pbx.module.css';
import { trunksApi } from '../trunks/api';
import { outboundRoutesApi, useReorderOutboundRoutes, type OutboundRoute } from './api';
import { OutboundRouteFormDrawer } from './OutboundRouteFormDrawer';

export default function OutboundRoutesPage() {
  const all = outboundRoutesApi.useAll();
  const trunks = trunksApi.useAll();
  const reorder = useReorderOutboundRoutes();
  const toast = useToast();
  const order: Id[] = (all.data?.items ?? []).map((r) => r.id);
  const trunkName = (id: Id) => trunks.data?.items.find((t) => t.id === id)?.name ?? `#${id}`;

  // The server keeps routes sorted by position; a move sends the whole new order (PUT /api/outbound-routes/order).
  const move = async (route: OutboundRoute, delta: number) => {
    const index = order.indexOf(route.id);
    if (index < 0) return;
    try {
      await reorder.mutateAsync(moveItem(order, index, delta));
    } catch (error) {
      toast.error(errorMessage(error));
    }
  };

  return (
    <CrudPage
      title="Outbound Routes"
      description="Which provider carries a dialled number. Routes are tried from the top: the first whose pattern matches takes the call."
      noun="outbound route"
      icon="outbound"
      api={outboundRoutesApi}
      rowLabel={(r) => r.name}
      searchPlaceholder="Search by name"
      emptyText="Add a route so extensions can call outside numbers."
      Form={OutboundRouteFormDrawer}
      columns={[
        {
          key: 'order',
          header: '#',
          width: '48px',
          render: (r) => <span className={styles.listIndex}>{order.indexOf(r.id) + 1 || '—'}</span>,
        },
        { key: 'name', header: 'Route', render: (r) => <span className={styles.primary}>{r.name}</span> },
        {
          key: 'patterns',
          header: 'Dial patterns',
          hideOnMobile: true,
          render: (r) => <span className={styles.mono}>{r.patterns.join(', ') || '—'}</span>,
        },
        {
          key: 'trunks',
          header: 'Trunks, in order',
          render: (r) => (r.trunkIds.length > 0 ? r.trunkIds.map(trunkName).join(' → ') : 'None'),
        },
      ]}
      rowActions={(r) => {
        const index = order.indexOf(r.id);
        return (
          <>
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Move ${r.name} up`}
              title="Move up (tried earlier)"
              disabled={index <= 0 || reorder.isPending}
              onClick={() => void move(r, -1)}
            >
              ↑
            </Button>
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Move ${r.name} down`}
              title="Move down (tried later)"
              disabled={index < 0 || index >= order.length - 1 || reorder.isPending}
              onClick={() => void move(r, 1)}
            >
              ↓
            </Button>
          </>
        );
      }}
    />
  );
}
