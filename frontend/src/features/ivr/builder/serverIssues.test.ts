import { describe, expect, it } from 'vitest';
import { issuesFromFieldErrors } from '../api';
import type { FlowIssue } from '../flow/types';
import { mergeIssues } from './useServerIssues';

const missingQueue: FlowIssue = {
  severity: 'error',
  code: 'missing_reference',
  message: 'queue 600 does not exist',
  nodeId: 'sales',
  field: 'data.destination.target',
};
const emptyText: FlowIssue = {
  severity: 'error',
  code: 'schema',
  message: 'text must not be empty',
  nodeId: 'welcome',
  field: 'data.prompt.text',
};

describe('the server’s findings beside the builder’s own', () => {
  it('keeps what only the server can know until the next save, and drops duplicates', () => {
    expect(mergeIssues([emptyText], [emptyText, missingQueue], true)).toEqual([emptyText, missingQueue]);
    // After an edit the server's copy of a builder rule is stale (the builder re-checks live); references are not.
    expect(mergeIssues([], [emptyText, missingQueue], false)).toEqual([missingQueue]);
  });

  it('reads the per-node messages of a refused publish', () => {
    expect(
      issuesFromFieldErrors({
        'nodes.welcome.data.prompt.text': ['text must not be empty'],
        'edges.e4': ['target node nowhere does not exist'],
        flow: ['the flow needs a start node'],
      }),
    ).toEqual([
      {
        severity: 'error',
        code: 'server',
        message: 'text must not be empty',
        nodeId: 'welcome',
        field: 'data.prompt.text',
      },
      { severity: 'error', code: 'server', message: 'target node nowhere does not exist', edgeId: 'e4', field: null },
      { severity: 'error', code: 'server', message: 'the flow needs a start node', field: null },
    ]);
  });
});
