// The one node component every type uses (registered per type in nodeTypes.ts): an input on the left, the node's
// summary, and one named output handle per outcome on the right, each on its own labelled row.
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from '../flow/document';
import { useDecorations } from './decorations';
import { NodeIcon } from './NodeIcon';
import { handlesOf, specOf } from './registry';
import styles from './FlowNodeCard.module.css';

function FlowNodeCardView({ id, type, data, selected }: NodeProps<CanvasNode>) {
  const spec = specOf(type);
  const { issuesByNode, currentNodeId, visitedNodeIds } = useDecorations();
  const issues = issuesByNode.get(id) ?? [];
  const errors = issues.filter((i) => i.severity === 'error');
  const warnings = issues.length - errors.length;
  const handles = handlesOf(type, data);
  const title = typeof data.label === 'string' && data.label.trim() !== '' ? data.label : spec.label;
  let summary = '';
  try {
    summary = spec.summary(data as never);
  } catch {
    summary = '';
  }
  const classes = [
    styles.node,
    styles[spec.category.replace(' ', '')],
    selected && styles.selected,
    errors.length > 0 && styles.invalid,
    visitedNodeIds.has(id) && styles.visited,
    currentNodeId === id && styles.current,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={classes} data-testid={`ivr-node-${id}`}>
      {type !== 'start' && <Handle type="target" position={Position.Left} className={styles.input} />}
      <div className={styles.head}>
        <span className={styles.icon}>
          <NodeIcon name={spec.icon} size={14} />
        </span>
        <span className={styles.kind}>{spec.label}</span>
        {errors.length > 0 && (
          <span className={styles.errorBadge} title={errors.map((e) => e.message).join('\n')}>
            {errors.length}
          </span>
        )}
        {errors.length === 0 && warnings > 0 && (
          <span className={styles.warningBadge} title={issues.map((e) => e.message).join('\n')}>
            !
          </span>
        )}
      </div>
      <div className={styles.body}>
        <div className={styles.title}>{title}</div>
        {summary && <div className={styles.summary}>{summary}</div>}
      </div>
      {handles.length > 0 && (
        <ul className={styles.outputs}>
          {handles.map((handle) => (
            <li key={handle.id} className={handle.tone === 'muted' ? styles.muted : undefined}>
              <span>{handle.label}</span>
              <Handle type="source" position={Position.Right} id={handle.id} className={styles.output} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const FlowNodeCard = memo(FlowNodeCardView);
