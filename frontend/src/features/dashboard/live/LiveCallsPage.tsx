import { PageHeader } from '../../../components/PageHeader';
import { LiveDashboard } from './LiveDashboard';

/**
 * Live Calls: the dashboard's live half on a page of its own, for a supervisor who keeps it open on a wall screen —
 * every call in progress with Listen / Whisper / Barge, the extension board and the queue wallboard.
 */
export default function LiveCallsPage() {
  return (
    <>
      <PageHeader title="Live Calls" description="Every call in progress, updated as it happens." />
      <LiveDashboard />
    </>
  );
}
