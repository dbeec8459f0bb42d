// The builder's top bar: the IVR's name and state, editing (undo, redo, auto-layout, zoom to fit), files (import,
// export), versions, recorded calls, the simulator, and the two ways of keeping work (save draft, publish).
import { useRef } from 'react';
import { Link } from 'react-router-dom';
import { Badge } from '../../../components/Badge';
import { Button } from '../../../components/Button';
import { NodeIcon, type NodeIconName } from '../nodes/NodeIcon';
import styles from './Builder.module.css';

export interface ToolbarProps {
  name: string;
  onRename: (name: string) => void;
  publishedVersion: number | null;
  dirty: boolean;
  errors: number;
  warnings: number;
  canUndo: boolean;
  canRedo: boolean;
  saving: boolean;
  publishing: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onLayout: () => void;
  onFit: () => void;
  onImport: (file: File) => void;
  onExport: () => void;
  onHistory: () => void;
  onCalls: () => void;
  onSimulate: () => void;
  onSave: () => void;
  onPublish: () => void;
}

function ToolButton({
  icon,
  label,
  onClick,
  disabled,
}: {
  icon: NodeIconName;
  label: string;
  onClick: () => void;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className={styles.tool}
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      title={label}
    >
      <NodeIcon name={icon} size={17} />
    </button>
  );
}

export function BuilderToolbar(props: ToolbarProps) {
  const fileRef = useRef<HTMLInputElement>(null);
  return (
    <header className={styles.toolbar}>
      <div className={styles.identity}>
        <Link
          to="/ivrs"
          className={styles.back}
          aria-label="Back to IVRs"
          title="Back to IVRs"
          onClick={(event) => {
            if (props.dirty && !window.confirm('Leave the builder? Your unsaved changes will be lost.'))
              event.preventDefault();
          }}
        >
          <NodeIcon name="back" size={18} />
        </Link>
        <h1 className="visually-hidden">{props.name}</h1>
        <input
          className={styles.name}
          value={props.name}
          aria-label="IVR name"
          maxLength={100}
          onChange={(event) => props.onRename(event.target.value)}
        />
        <span className={styles.badges}>
          {props.publishedVersion ? (
            <Badge tone="success">Published v{props.publishedVersion}</Badge>
          ) : (
            <Badge>Draft</Badge>
          )}
          {props.dirty && <Badge tone="warning">Unsaved changes</Badge>}
          {props.errors > 0 ? (
            <Badge tone="danger">{props.errors === 1 ? '1 error' : `${props.errors} errors`}</Badge>
          ) : props.warnings > 0 ? (
            <Badge tone="warning">{props.warnings === 1 ? '1 warning' : `${props.warnings} warnings`}</Badge>
          ) : (
            <Badge tone="success">Valid</Badge>
          )}
        </span>
      </div>
      <div className={styles.tools} role="toolbar" aria-label="Flow tools">
        <ToolButton icon="undo" label="Undo" onClick={props.onUndo} disabled={!props.canUndo} />
        <ToolButton icon="redo" label="Redo" onClick={props.onRedo} disabled={!props.canRedo} />
        <span className={styles.divider} />
        <ToolButton icon="layout" label="Auto-layout" onClick={props.onLayout} />
        <ToolButton icon="fit" label="Zoom to fit" onClick={props.onFit} />
        <span className={styles.divider} />
        <ToolButton icon="upload" label="Import JSON" onClick={() => fileRef.current?.click()} />
        <ToolButton icon="download" label="Export JSON" onClick={props.onExport} />
        <ToolButton icon="history" label="Version history" onClick={props.onHistory} />
        <ToolButton icon="calls" label="Calls" onClick={props.onCalls} />
        <input
          ref={fileRef}
          type="file"
          accept="application/json,.json"
          hidden
          data-testid="ivr-import-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) props.onImport(file);
            event.target.value = '';
          }}
        />
      </div>
      <div className={styles.actions}>
        <Button icon="phone" onClick={props.onSimulate}>
          Simulate
        </Button>
        <Button onClick={props.onSave} busy={props.saving}>
          Save draft
        </Button>
        <Button variant="primary" onClick={props.onPublish} busy={props.publishing}>
          Publish
        </Button>
      </div>
    </header>
  );
}
