// Call Logs: every call, filtered, paged and exported; a row opens the call's details. Agents see their own calls.
import { useEffect, useState } from 'react';
import { Badge } from '../../components/Badge';
import { DataTable, clampOffset, useDebouncedValue, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { SelectField, TextField } from '../../components/form/Field';
import { Icon } from '../../components/Icon';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../dashboard/format';
import { exportUrl, noFilters, useCalls, type Call, type CallFilters } from './api';
import { CallDetail } from './CallDetail';
import { directionLabels, dispositionView, formatDuration } from './format';
import { TodayFigures } from './TodayFigures';
import styles from './CallLogsPage.module.css';

const pageSize = 25;

const directionOptions = [
  { value: '', label: 'All directions' },
  { value: 'inbound', label: 'Inbound' },
  { value: 'outbound', label: 'Outbound' },
  { value: 'internal', label: 'Internal' },
];

const dispositionOptions = [
  { value: '', label: 'Any outcome' },
  { value: 'answered', label: 'Answered' },
  { value: 'no_answer', label: 'No answer' },
  { value: 'busy', label: 'Busy' },
  { value: 'failed', label: 'Failed' },
  { value: 'congestion', label: 'Congestion' },
];

const sortOptions = [
  { value: '-startedAt', label: 'Newest first' },
  { value: 'startedAt', label: 'Oldest first' },
  { value: '-duration', label: 'Longest first' },
  { value: 'duration', label: 'Shortest first' },
];

export default function CallLogsPage() {
  const [filters, setFilters] = useState<CallFilters>(noFilters);
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<Call | null>(null);
  // Typing in the text filters sends one request per pause, not per key.
  const sent = useDebouncedValue(filters);
  const calls = useCalls(sent, pageSize, offset);
  const total = calls.data?.total ?? 0;

  useEffect(() => {
    if (calls.data) setOffset(clampOffset(total, pageSize, offset));
  }, [calls.data, total, offset]);

  const set =
    <K extends keyof CallFilters>(key: K) =>
    (value: string) => {
      setFilters((f) => ({ ...f, [key]: value as CallFilters[K] }));
      setOffset(0);
    };

  const columns: Column<Call>[] = [
    {
      key: 'startedAt',
      header: 'Started',
      render: (c) => (
        <button
          type="button"
          className={styles.open}
          onClick={() => setSelected(c)}
          aria-label={`Details of the call from ${c.from} to ${c.to}`}
        >
          {formatDateTime(c.startedAt)}
        </button>
      ),
    },
    { key: 'direction', header: 'Direction', hideOnMobile: true, render: (c) => <DirectionLabel call={c} /> },
    {
      key: 'from',
      header: 'From',
      render: (c) => (
        <span className={styles.party}>
          <span className={styles.number}>{c.from}</span>
          {c.fromName && <span className={styles.name}>{c.fromName}</span>}
        </span>
      ),
    },
    { key: 'to', header: 'To', render: (c) => <span className={styles.number}>{c.to || '—'}</span> },
    { key: 'extension', header: 'Extension', hideOnMobile: true, render: (c) => c.answeredBy ?? c.extension ?? '—' },
    {
      key: 'via',
      header: 'Trunk / queue',
      hideOnMobile: true,
      render: (c) =>
        [c.trunk ?? (c.trunkId ? `trunk #${c.trunkId}` : null), c.queue && `queue ${c.queue}`]
          .filter(Boolean)
          .join(' · ') || '—',
    },
    { key: 'duration', header: 'Duration', align: 'right', render: (c) => formatDuration(c.duration) },
    {
      key: 'disposition',
      header: 'Outcome',
      render: (c) => <Badge tone={dispositionView[c.disposition].tone}>{dispositionView[c.disposition].label}</Badge>,
    },
    {
      key: 'recording',
      header: '',
      align: 'right',
      hideOnMobile: true,
      render: (c) =>
        c.recordingUrl ? (
          <span title="Recorded">
            <Icon name="mic" size={16} />
          </span>
        ) : null,
    },
  ];

  const filtering = Object.entries(filters).some(([key, value]) => key !== 'sort' && value !== '');

  return (
    <>
      <PageHeader
        title="Call Logs"
        description="Every call through the phone system: who called whom, when, how long, and how it ended."
        actions={
          <a className={styles.export} href={exportUrl(sent)} download="calls.csv">
            <Icon name="list" size={16} /> Export CSV
          </a>
        }
      />
      <div className={styles.layout}>
        <TodayFigures />
        <div className={styles.filters} role="search" aria-label="Call filters">
          <TextField label="From" type="date" value={filters.start} onChange={set('start')} />
          <TextField label="To" type="date" value={filters.end} onChange={set('end')} />
          <SelectField
            label="Direction"
            options={directionOptions}
            value={filters.direction}
            onChange={set('direction')}
          />
          <SelectField
            label="Outcome"
            options={dispositionOptions}
            value={filters.disposition}
            onChange={set('disposition')}
          />
          <TextField label="Number" placeholder="Digits or name" value={filters.search} onChange={set('search')} />
          <TextField label="Extension" inputMode="numeric" value={filters.extension} onChange={set('extension')} />
          <TextField label="Queue" inputMode="numeric" value={filters.queue} onChange={set('queue')} />
          <SelectField label="Sort" options={sortOptions} value={filters.sort} onChange={set('sort')} />
        </div>
        <DataTable
          label="Calls"
          columns={columns}
          rows={calls.data?.items}
          total={total}
          rowKey={(c) => String(c.id)}
          loading={calls.isFetching}
          error={calls.error}
          onRetry={() => void calls.refetch()}
          paging={{ limit: pageSize, offset, onChange: setOffset }}
          empty={
            <EmptyState icon="list" title={filtering ? 'No calls match these filters' : 'No calls yet'}>
              {filtering
                ? 'Try a wider date range or fewer filters.'
                : 'Calls appear here a moment after they end, also those made while BotPBX was restarting.'}
            </EmptyState>
          }
        />
      </div>
      <CallDetail call={selected} onClose={() => setSelected(null)} />
    </>
  );
}

function DirectionLabel({ call }: { call: Call }) {
  const icon = call.direction === 'inbound' ? 'inbound' : call.direction === 'outbound' ? 'outbound' : 'phone';
  return (
    <span className={styles.direction}>
      <Icon name={icon} size={14} /> {directionLabels[call.direction]}
    </span>
  );
}
