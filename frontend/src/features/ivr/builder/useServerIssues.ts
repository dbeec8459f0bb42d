// What the server said about the draft (on save, on a refused publish): shown beside the live client-side issues.
// Findings only the server can make (a queue that does not exist) stay until the next save; the rest duplicate the
// builder's own rules and are shown only while the flow is unchanged since the server looked at it.
import { useCallback, useMemo, useState } from 'react';
import type { FlowIssue } from '../flow/types';

const CLIENT_CODES = new Set([
  'schema',
  'invalid_setting',
  'duplicate_id',
  'no_start',
  'multiple_starts',
  'unknown_source',
  'unknown_handle',
  'unknown_target',
  'into_start',
  'handle_used_twice',
  'unreachable',
  'silent_cycle',
  'dead_end',
]);

const key = (i: FlowIssue) => `${i.nodeId ?? ''}|${i.edgeId ?? ''}|${i.field ?? ''}|${i.message}`;

export function mergeIssues(
  client: readonly FlowIssue[],
  server: readonly FlowIssue[],
  serverIsCurrent: boolean,
): FlowIssue[] {
  const seen = new Set(client.map(key));
  const extra = server.filter((i) => (serverIsCurrent || !CLIENT_CODES.has(i.code)) && !seen.has(key(i)));
  return [...client, ...extra];
}

export function useServerIssues(client: readonly FlowIssue[], revision: number) {
  const [server, setServer] = useState<{ issues: FlowIssue[]; revision: number }>({ issues: [], revision: -1 });
  const merged = useMemo(
    () => mergeIssues(client, server.issues, server.revision === revision),
    [client, server, revision],
  );
  const setServerIssues = useCallback((issues: FlowIssue[], at: number) => setServer({ issues, revision: at }), []);
  return { issues: merged, setServerIssues };
}
