// The side panel: the selected node's settings (generated from the schema) with its problems, or, with nothing
// selected, every problem of the flow, each a button that selects the node it is about.
import { Button } from '../../../components/Button';
import type { CanvasNode } from '../flow/document';
import type { FlowIssue } from '../flow/types';
import { NodeIcon } from '../nodes/NodeIcon';
import { dataSchemaOf, specOf } from '../nodes/registry';
import { useFlowStore, useFlowStoreApi } from '../store/useFlowStore';
import type { IssueIndex } from '../validation/validateFlow';
import { ObjectFields } from './SchemaForm';
import type { JsonSchema } from './schemaTools';
import styles from './Inspector.module.css';

function IssueList({
  issues,
  onSelect,
  nameOf = (id) => id,
}: {
  issues: readonly FlowIssue[];
  onSelect?: (nodeId: string) => void;
  nameOf?: (nodeId: string) => string;
}) {
  if (issues.length === 0) return null;
  return (
    <ul className={styles.issues} aria-label="Problems">
      {issues.map((issue, index) => (
        <li key={index} className={issue.severity === 'error' ? styles.issueError : styles.issueWarning}>
          <NodeIcon name="alert" size={14} />
          {onSelect && issue.nodeId ? (
            <button type="button" className={styles.issueLink} onClick={() => onSelect(issue.nodeId!)}>
              <strong>{nameOf(issue.nodeId)}</strong>
              {issue.field ? ` · ${issue.field.replace(/^data\./, '')}` : ''}: {issue.message}
            </button>
          ) : (
            <span>
              {issue.field && !issue.nodeId ? `${issue.field}: ` : ''}
              {issue.edgeId ? `Connection ${issue.edgeId}: ` : ''}
              {issue.message}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function NodeSettings({ node, issues }: { node: CanvasNode; issues: readonly FlowIssue[] }) {
  const store = useFlowStoreApi();
  const spec = specOf(node.type);
  return (
    <div className={styles.panel} aria-label={`${spec.label} settings`} role="region">
      <div className={styles.header}>
        <span className={styles.headerIcon}>
          <NodeIcon name={spec.icon} size={18} />
        </span>
        <div className={styles.headerText}>
          <h2>{spec.label}</h2>
          <p>
            {spec.description} · <code>{node.id}</code>
          </p>
        </div>
      </div>
      <IssueList issues={issues} />
      <ObjectFields
        schema={dataSchemaOf(node.type) as JsonSchema}
        value={node.data}
        path="data"
        context={{ issues, labels: spec.fieldLabels ?? {}, defaults: spec.fieldDefaults }}
        onChange={(data) => store.updateNodeData(node.id, data)}
      />
      {node.type !== 'start' && (
        <div className={styles.nodeActions}>
          <Button
            size="sm"
            icon="copy"
            onClick={() => {
              store.select(node.id);
              store.copySelection();
              store.paste();
            }}
          >
            Duplicate
          </Button>
          <Button size="sm" variant="ghost" icon="trash" onClick={() => store.deleteNodes([node.id])}>
            Delete node
          </Button>
        </div>
      )}
    </div>
  );
}

export function NodeInspector({ issues }: { issues: IssueIndex }) {
  const store = useFlowStoreApi();
  const selected = useFlowStore((s) => {
    const picked = s.nodes.filter((n) => n.selected);
    return picked.length === 1 ? picked[0]! : null;
  });
  if (selected) return <NodeSettings key={selected.id} node={selected} issues={issues.byNode.get(selected.id) ?? []} />;

  // Problems name nodes as the canvas does: by their label, else their type.
  const nameOf = (id: string) => {
    const node = store.getState().nodes.find((n) => n.id === id);
    if (!node) return id;
    return typeof node.data.label === 'string' && node.data.label.trim() !== ''
      ? node.data.label
      : `${specOf(node.type).label} (${id})`;
  };
  const all = [...issues.flow, ...[...issues.byNode.values()].flat(), ...[...issues.byEdge.values()].flat()];
  return (
    <div className={styles.panel} role="region" aria-label="Flow overview">
      <div className={styles.header}>
        <div className={styles.headerText}>
          <h2>Flow</h2>
          <p>Select a node to edit it. Drag from an output on the right of a node to another node to connect them.</p>
        </div>
      </div>
      {all.length === 0 ? (
        <p className={styles.allGood}>No problems: this flow can be published.</p>
      ) : (
        <IssueList issues={all} onSelect={(id) => store.select(id)} nameOf={nameOf} />
      )}
      <dl className={styles.shortcuts}>
        <dt>Delete</dt>
        <dd>Remove the selection</dd>
        <dt>Ctrl C / Ctrl V</dt>
        <dd>Copy and paste nodes</dd>
        <dt>Ctrl Z / Ctrl Shift Z</dt>
        <dd>Undo and redo</dd>
      </dl>
    </div>
  );
}
