// The open IVR: owns the flow store, validation, saving and publishing, and lays out toolbar, palette, canvas and
// side panel. The simulator's progress, or the path of a recorded call chosen under Calls, is painted onto the canvas
// through the decorations context.
import { useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../../api/client';
import { ApiError, errorMessage } from '../../../api/errors';
import { Alert } from '../../../components/Alert';
import { useToast } from '../../../components/Toasts';
import { issuesFromFieldErrors, usePublishIvr, useSaveIvr, type FlowValidation, type Ivr, type IvrTrace } from '../api';
import { parseDocument } from '../flow/document';
import type { FlowDocument, NodeType } from '../flow/types';
import { NodeInspector } from '../inspector/NodeInspector';
import { DecorationsContext, type CanvasDecorations } from '../nodes/decorations';
import { handlesOf, isNodeType, specOf } from '../nodes/registry';
import { SimulatorPanel } from '../simulator/SimulatorPanel';
import { useSimulation } from '../simulator/useSimulation';
import { createFlowStore } from '../store/flowStore';
import { FlowStoreContext, useFlowStore, useFlowStoreApi } from '../store/useFlowStore';
import { CallsPanel } from '../traces/CallsPanel';
import { highlightPath } from '../traces/tracePath';
import { indexIssues, validateFlow } from '../validation/validateFlow';
import { autoLayout, freeSpot, layoutIfCrowded } from './autoLayout';
import { BuilderToolbar } from './BuilderToolbar';
import { downloadFlow, readFlowFile } from './files';
import { FlowCanvas } from './FlowCanvas';
import { Palette } from './Palette';
import { useBuilderShortcuts } from './useBuilderShortcuts';
import { useServerIssues } from './useServerIssues';
import { VersionHistory } from './VersionHistory';
import styles from './Builder.module.css';

export type SideTab = 'settings' | 'simulator' | 'calls';

const tabLabels: Record<SideTab, string> = { settings: 'Settings', simulator: 'Simulator', calls: 'Calls' };

/** Camera moves animate unless the person asked for reduced motion. */
const motion = () => (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 0 : 300);

export function BuilderWorkspace({
  ivr,
  initial,
  openProblem,
  initialTab = 'settings',
}: {
  ivr: Ivr;
  initial: FlowDocument;
  openProblem: string | null;
  initialTab?: SideTab;
}) {
  const [store] = useState(() => createFlowStore(initial));
  return (
    <FlowStoreContext.Provider value={store}>
      <Workspace ivr={ivr} openProblem={openProblem} initialTab={initialTab} />
    </FlowStoreContext.Provider>
  );
}

function Workspace({ ivr, openProblem, initialTab }: { ivr: Ivr; openProblem: string | null; initialTab: SideTab }) {
  const store = useFlowStoreApi();
  const toast = useToast();
  const { fitView, screenToFlowPosition } = useReactFlow();
  const canvasRef = useRef<HTMLDivElement>(null);
  const save = useSaveIvr();
  const publish = usePublishIvr();
  const sim = useSimulation(ivr.id);

  const [name, setName] = useState(ivr.name);
  const [nameDirty, setNameDirty] = useState(false);
  const [publishedVersion, setPublishedVersion] = useState(ivr.publishedVersion);
  const [tab, setTab] = useState<SideTab>(initialTab);
  const [call, setCall] = useState<IvrTrace | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);

  const dataRevision = useFlowStore((s) => s.dataRevision);
  const dirty = useFlowStore((s) => s.revision !== s.savedRevision) || nameDirty;
  const canUndo = useFlowStore((s) => s.past.length > 0);
  const canRedo = useFlowStore((s) => s.future.length > 0);

  // Validation follows changes of content only: not selection, measuring or moving nodes around.
  const clientIssues = useMemo(() => validateFlow(store.document()), [dataRevision, store]);
  const { issues, setServerIssues } = useServerIssues(clientIssues, dataRevision);
  const index = useMemo(() => indexIssues(issues), [issues]);
  // What the server found when the IVR was opened (missing queues…), until the next save.
  const [openedAt] = useState(() => store.getState().dataRevision);
  useEffect(() => setServerIssues(ivr.validation.issues, openedAt), [ivr.validation.issues, openedAt, setServerIssues]);

  // Under Calls the chosen call's path is drawn (its steps in this IVR only); otherwise the simulated call's.
  const path = sim.state?.path;
  const shownCall = tab === 'calls' ? call : null;
  const highlight = useMemo(
    () => (shownCall ? highlightPath(shownCall.steps, String(ivr.id)) : highlightPath(path)),
    [shownCall, path, ivr.id],
  );
  const decorations = useMemo<CanvasDecorations>(
    () => ({
      issuesByNode: index.byNode,
      currentNodeId: highlight.currentNodeId,
      visitedNodeIds: highlight.visitedNodeIds,
    }),
    [index, highlight],
  );
  const travelled = highlight.travelled;
  const invalidEdges = useMemo(
    () => new Set([...index.byEdge].filter(([, list]) => list.some((i) => i.severity === 'error')).map(([id]) => id)),
    [index],
  );

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const saveDraft = async ({ quiet = false } = {}): Promise<boolean> => {
    const at = store.getState().revision;
    const checkedAt = store.getState().dataRevision;
    if (name.trim() === '') {
      toast.error('Give the IVR a name before saving.');
      return false;
    }
    try {
      const saved = await save.mutateAsync({ id: ivr.id, name: name.trim(), flow: store.document() });
      store.markSaved(at);
      setNameDirty(false);
      setPublishedVersion(saved.publishedVersion);
      setServerIssues(saved.validation.issues, checkedAt);
      if (!quiet)
        toast.success(
          saved.validation.valid
            ? 'Draft saved.'
            : 'Draft saved. Fix the errors marked on the canvas before publishing.',
        );
      return true;
    } catch (error) {
      toast.error(errorMessage(error));
      return false;
    }
  };

  const publishDraft = async () => {
    if (dirty && !(await saveDraft({ quiet: true }))) return;
    const at = store.getState().dataRevision;
    try {
      const published = await publish.mutateAsync(ivr.id);
      setPublishedVersion(published.version);
      setServerIssues(published.warnings, at);
      toast.success(`Published version ${published.version}. New calls use it now.`);
    } catch (error) {
      toast.error(errorMessage(error));
      if (error instanceof ApiError && error.status === 422) {
        // The problem lists messages per node; the validate endpoint gives the same findings with their codes.
        const coded = await api
          .post<FlowValidation>('/api/ivrs/validate', { flow: store.document() })
          .then((v) => v.issues)
          .catch(() => issuesFromFieldErrors(error.fieldErrors));
        setServerIssues(coded, at);
        store.select(null);
        setTab('settings');
      }
    }
  };

  useBuilderShortcuts(store, () => void saveDraft());

  const addAtCentre = (type: NodeType) => {
    const rect = canvasRef.current?.getBoundingClientRect();
    const centre = rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : { x: 400, y: 300 };
    const point = screenToFlowPosition(centre);
    store.addNode(
      type,
      freeSpot(store.getState().nodes, { x: Math.round(point.x - 110), y: Math.round(point.y - 40) }),
    );
    // The spot may be below the visible part of a small canvas: bring everything into view.
    window.requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1, duration: motion() }));
  };

  const canvasLabel = (id: string): string | null => {
    const node = store.getState().nodes.find((n) => n.id === id);
    if (!node) return null;
    return typeof node.data.label === 'string' && node.data.label !== '' ? node.data.label : specOf(node.type).label;
  };
  const nodeLabel = (id: string) => canvasLabel(id) ?? id;

  // The name the canvas gives a menu option or a branch rule ("1 · Sales" → "Sales"), for the words of a call's step.
  const outputLabel = (nodeId: string, handle: string): string | null => {
    const node = store.getState().nodes.find((n) => n.id === nodeId);
    if (!node || !isNodeType(node.type)) return null;
    const label = handlesOf(node.type, node.data).find((h) => h.id === handle)?.label;
    if (!label) return null;
    if (handle.startsWith('rule-')) return label;
    const digit = handle.startsWith('digit-') ? handle.slice('digit-'.length) : null;
    return digit !== null && label.startsWith(`${digit} · `) ? label.slice(digit.length + 3) : null;
  };

  const showCall = (trace: IvrTrace | null) => {
    setCall(trace);
    if (!trace) return;
    // Bring the part of the flow the call went through into view.
    const ids = [...highlightPath(trace.steps, String(ivr.id)).visitedNodeIds].filter((id) => canvasLabel(id) !== null);
    if (ids.length > 0)
      window.requestAnimationFrame(
        () => void fitView({ nodes: ids.map((id) => ({ id })), padding: 0.2, maxZoom: 1, duration: motion() }),
      );
  };

  return (
    <DecorationsContext.Provider value={decorations}>
      <div className={styles.builder}>
        <BuilderToolbar
          name={name}
          onRename={(value) => {
            setName(value);
            setNameDirty(true);
          }}
          publishedVersion={publishedVersion}
          dirty={dirty}
          errors={index.errors}
          warnings={index.warnings}
          canUndo={canUndo}
          canRedo={canRedo}
          saving={save.isPending}
          publishing={publish.isPending}
          onUndo={store.undo}
          onRedo={store.redo}
          onLayout={() => {
            const { nodes: all, edges } = store.getState();
            store.setPositions(autoLayout(all, edges));
            window.requestAnimationFrame(() => void fitView({ padding: 0.2, duration: motion() }));
          }}
          onFit={() => void fitView({ padding: 0.2, duration: motion() })}
          onImport={async (file) => {
            try {
              const document = layoutIfCrowded(await readFlowFile(file));
              store.replaceAll(document);
              toast.info(`Imported ${document.nodes.length} nodes. Save the draft to keep them.`);
              window.requestAnimationFrame(() => void fitView({ padding: 0.2 }));
            } catch (error) {
              toast.error(errorMessage(error));
            }
          }}
          onExport={() => downloadFlow(name, store.document())}
          onHistory={() => setHistoryOpen(true)}
          onCalls={() => setTab('calls')}
          onSimulate={() => setTab('simulator')}
          onSave={() => void saveDraft()}
          onPublish={() => void publishDraft()}
        />
        {openProblem && (
          <Alert tone="warning" title="The saved draft could not be drawn">
            {openProblem} The canvas starts over with a start node; saving replaces the broken draft.
          </Alert>
        )}
        <div className={styles.workspace}>
          <Palette onAdd={addAtCentre} />
          <div className={styles.canvas} ref={canvasRef}>
            <FlowCanvas invalidEdges={invalidEdges} travelled={travelled} />
          </div>
          <aside className={styles.side}>
            <div className={styles.tabs} role="tablist" aria-label="Side panel">
              {(['settings', 'simulator', 'calls'] as const).map((t) => (
                <button
                  key={t}
                  type="button"
                  role="tab"
                  aria-selected={tab === t}
                  className={styles.tab}
                  onClick={() => setTab(t)}
                >
                  {tabLabels[t]}
                </button>
              ))}
            </div>
            <div className={styles.sideBody} role="tabpanel">
              {tab === 'settings' ? (
                <NodeInspector issues={index} />
              ) : tab === 'calls' ? (
                <CallsPanel
                  ivrId={ivr.id}
                  publishedVersion={publishedVersion}
                  selected={call}
                  onSelect={showCall}
                  nodeLabel={canvasLabel}
                  outputLabel={outputLabel}
                />
              ) : (
                <SimulatorPanel
                  ivrId={ivr.id}
                  sim={sim}
                  nodeLabel={nodeLabel}
                  prepare={() => (dirty ? saveDraft({ quiet: true }) : Promise.resolve(true))}
                />
              )}
            </div>
          </aside>
        </div>
      </div>
      <VersionHistory
        ivrId={ivr.id}
        open={historyOpen}
        dirty={dirty}
        onClose={() => setHistoryOpen(false)}
        onRestored={(restored, version) => {
          store.load(layoutIfCrowded(parseDocument(restored.flow)));
          setServerIssues(restored.validation.issues, store.getState().dataRevision);
          toast.success(`Version ${version} is the draft again. Publish to make it live.`);
          window.requestAnimationFrame(() => void fitView({ padding: 0.2 }));
        }}
      />
    </DecorationsContext.Provider>
  );
}
