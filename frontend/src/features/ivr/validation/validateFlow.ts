// The builder's live validation: the shared schema, the per-node checks and the graph rules, the same layers as the
// server's FlowValidator. Unlike the server, the graph rules run even when some node breaks the schema, so the
// canvas can show every problem at once while someone is still filling in settings. PBX references (does queue 600
// exist?) only the server can check: those come back from save and publish and are shown beside these.
import type { FlowDocument, FlowIssue } from '../flow/types';
import { isNodeType } from '../nodes/registry';
import { graphRules } from './graphRules';
import { nodeChecks } from './nodeChecks';
import { schemaIssues } from './schemaIssues';

export function validateFlow(document: FlowDocument): FlowIssue[] {
  const issues = schemaIssues(document);
  const broken = new Set(issues.map((i) => i.nodeId).filter(Boolean));
  for (const node of document.nodes) {
    if (!isNodeType(node.type) || broken.has(node.id)) continue;
    for (const [field, message] of nodeChecks(node)) {
      issues.push({ severity: 'error', code: 'invalid_setting', message, nodeId: node.id, field: `data.${field}` });
    }
  }
  issues.push(...graphRules(document));
  return issues;
}

export interface IssueIndex {
  errors: number;
  warnings: number;
  byNode: Map<string, FlowIssue[]>;
  byEdge: Map<string, FlowIssue[]>;
  flow: FlowIssue[];
}

export function indexIssues(issues: readonly FlowIssue[]): IssueIndex {
  const index: IssueIndex = { errors: 0, warnings: 0, byNode: new Map(), byEdge: new Map(), flow: [] };
  for (const issue of issues) {
    if (issue.severity === 'error') index.errors++;
    else index.warnings++;
    const [map, key] = issue.nodeId
      ? [index.byNode, issue.nodeId]
      : issue.edgeId
        ? [index.byEdge, issue.edgeId]
        : [null, null];
    if (map && key) map.set(key, [...(map.get(key) ?? []), issue]);
    else index.flow.push(issue);
  }
  return index;
}

/** The messages about one setting of a node (`data.prompt.text` and anything below it), for the side panel. */
export function fieldMessages(issues: readonly FlowIssue[] | undefined, field: string): string[] {
  return (issues ?? [])
    .filter((i) => i.field === field || i.field?.startsWith(`${field}.`) || i.field?.startsWith(`${field}[`))
    .map((i) => i.message);
}
