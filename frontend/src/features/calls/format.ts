// How calls read in the UI: durations, dispositions and Q.850 hang-up causes.
import type { BadgeTone } from '../../components/Badge';
import type { Disposition, Direction } from './api';

/** 0:07, 2:05, 1:02:03 */
export function formatDuration(totalSeconds: number | null | undefined): string {
  if (totalSeconds == null) return '—';
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

export const dispositionView: Record<Disposition, { label: string; tone: BadgeTone }> = {
  ANSWERED: { label: 'Answered', tone: 'success' },
  'NO ANSWER': { label: 'No answer', tone: 'warning' },
  BUSY: { label: 'Busy', tone: 'warning' },
  FAILED: { label: 'Failed', tone: 'danger' },
  CONGESTION: { label: 'Congestion', tone: 'danger' },
};

export const directionLabels: Record<Direction, string> = {
  inbound: 'Inbound',
  outbound: 'Outbound',
  internal: 'Internal',
};

// The Q.850 causes phones and carriers actually end calls with.
const causes: Record<string, string> = {
  '1': 'Unallocated number',
  '16': 'Normal hang-up',
  '17': 'User busy',
  '18': 'No user responding',
  '19': 'No answer',
  '21': 'Call rejected',
  '27': 'Destination out of order',
  '28': 'Invalid number format',
  '31': 'Normal, unspecified',
  '34': 'No circuit available',
  '38': 'Network out of order',
  '41': 'Temporary failure',
  '42': 'Switching equipment congestion',
  '127': 'Interworking, unspecified',
};

/** "Normal hang-up (16)"; an unknown cause shows its number only. */
export function hangupCauseText(cause: string | null | undefined): string {
  if (!cause) return '—';
  return causes[cause] ? `${causes[cause]} (${cause})` : `Cause ${cause}`;
}

/** The hour axis of today's chart: 0 → "00", 13 → "13". */
export function hourLabel(hour: number): string {
  return String(hour).padStart(2, '0');
}
