// The builder's state and every action on it, outside React so it can be unit-tested: nodes and edges, undo/redo
// history, the clipboard, and a revision counter that tells whether there are unsaved changes. Rules the canvas
// enforces here: no self-loops, nothing leads into the start node, one edge per output handle (a new connection
// replaces the old), deleting a node deletes its edges, and the start node is neither deleted nor copied.
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import { freeId, toCanvasEdge, toCanvasNode, toDocument, type CanvasEdge, type CanvasNode } from '../flow/document';
import type { FlowDocument, NodeType } from '../flow/types';
import { handlesOf, specOf } from '../nodes/registry';

interface Snapshot {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
}

export interface FlowState {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  past: Snapshot[];
  future: Snapshot[];
  /** Grows with every change of content (not selection); compared with savedRevision for "unsaved changes". */
  revision: number;
  /** Grows with every change except moving nodes: what validation depends on (dragging does not re-validate). */
  dataRevision: number;
  savedRevision: number;
}

const HISTORY_LIMIT = 100;

/** One clipboard per browser tab, shared by every open builder: nodes copied in one IVR paste into another. */
const clipboard: { current: Snapshot | null } = { current: null };
const PASTE_OFFSET = 40;

export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

/** Whether a connection may be drawn: the same rules `connect` applies. */
export function checkConnection(nodes: readonly CanvasNode[], connection: Connection | CanvasEdge): ConnectionCheck {
  if (connection.source === connection.target) return { ok: false, reason: 'A node cannot lead to itself.' };
  const target = nodes.find((n) => n.id === connection.target);
  if (!target) return { ok: false, reason: 'The target node does not exist.' };
  if (target.type === 'start') return { ok: false, reason: 'Nothing may lead back into the start node.' };
  const source = nodes.find((n) => n.id === connection.source);
  if (!source || !connection.sourceHandle) return { ok: false, reason: 'Connect from one of the node’s outputs.' };
  if (!handlesOf(source.type, source.data).some((h) => h.id === connection.sourceHandle)) {
    return { ok: false, reason: `The node has no output “${connection.sourceHandle}”.` };
  }
  return { ok: true };
}

export function createFlowStore(initial?: FlowDocument) {
  let state: FlowState = {
    nodes: [],
    edges: [],
    past: [],
    future: [],
    revision: 0,
    dataRevision: 0,
    savedRevision: 0,
  };
  const listeners = new Set<() => void>();
  // Consecutive edits with the same key (typing into one node's settings, one drag) are one undo step.
  let lastCommitKey: string | null = null;
  let dragging = false;
  let pasteCount = 0;

  const set = (next: Partial<FlowState>) => {
    state = { ...state, ...next };
    listeners.forEach((listener) => listener());
  };

  /** Records the current content as an undo step, before a change. */
  const commit = (key: string | null = null) => {
    if (key !== null && key === lastCommitKey) return;
    lastCommitKey = key;
    state = {
      ...state,
      past: [...state.past, { nodes: state.nodes, edges: state.edges }].slice(-HISTORY_LIMIT),
      future: [],
    };
  };

  const change = (nodes: CanvasNode[], edges: CanvasEdge[]) =>
    set({ nodes, edges, revision: state.revision + 1, dataRevision: state.dataRevision + 1 });

  const takenIds = () => new Set([...state.nodes.map((n) => n.id), ...state.edges.map((e) => e.id)]);

  const removeNodes = (ids: ReadonlySet<string>) => {
    const removable = new Set([...ids].filter((id) => state.nodes.find((n) => n.id === id)?.type !== 'start'));
    if (removable.size === 0) return;
    commit();
    change(
      state.nodes.filter((n) => !removable.has(n.id)),
      state.edges.filter((e) => !removable.has(e.source) && !removable.has(e.target)),
    );
  };

  const removeEdges = (ids: ReadonlySet<string>) => {
    if (!state.edges.some((e) => ids.has(e.id))) return;
    commit();
    change(
      state.nodes,
      state.edges.filter((e) => !ids.has(e.id)),
    );
  };

  const restore = (from: 'past' | 'future') => {
    const stack = state[from];
    const snapshot = stack[stack.length - 1];
    if (!snapshot) return;
    lastCommitKey = null;
    const current = { nodes: state.nodes, edges: state.edges };
    set({
      nodes: snapshot.nodes,
      edges: snapshot.edges,
      past: from === 'past' ? state.past.slice(0, -1) : [...state.past, current],
      future: from === 'future' ? state.future.slice(0, -1) : [...state.future, current],
      revision: state.revision + 1,
      dataRevision: state.dataRevision + 1,
    });
  };

  const actions = {
    /** Replaces everything with a document (opening an IVR, importing, restoring a version); clears the history. */
    load(document: FlowDocument) {
      lastCommitKey = null;
      pasteCount = 0;
      const revision = state.revision + 1;
      set({
        nodes: document.nodes.map(toCanvasNode),
        edges: document.edges.map(toCanvasEdge),
        past: [],
        future: [],
        revision,
        dataRevision: state.dataRevision + 1,
        savedRevision: revision,
      });
    },

    /** Replaces everything with a document as one undoable step (importing a file). */
    replaceAll(document: FlowDocument) {
      commit();
      change(document.nodes.map(toCanvasNode), document.edges.map(toCanvasEdge));
    },

    /** Marks the content as of `revision` as saved. */
    markSaved(revision: number) {
      set({ savedRevision: revision });
    },

    /** xyflow's node changes: selection and measuring pass through; drags are one undo step; removals cascade. */
    onNodesChange(changes: NodeChange<CanvasNode>[]) {
      const removed = changes.filter((c) => c.type === 'remove').map((c) => c.id);
      if (removed.length > 0) removeNodes(new Set(removed));
      const rest = changes.filter((c) => c.type !== 'remove');
      if (rest.length === 0) return;
      const moves = rest.filter((c) => c.type === 'position');
      if (moves.some((c) => c.type === 'position' && c.dragging) && !dragging) {
        dragging = true;
        commit();
      }
      if (moves.some((c) => c.type === 'position' && c.dragging === false)) {
        dragging = false;
        lastCommitKey = null;
      }
      const nodes = applyNodeChanges(rest, state.nodes);
      if (moves.length > 0) set({ nodes, revision: state.revision + 1 });
      else set({ nodes });
    },

    onEdgesChange(changes: EdgeChange<CanvasEdge>[]) {
      const removed = changes.filter((c) => c.type === 'remove').map((c) => c.id);
      if (removed.length > 0) removeEdges(new Set(removed));
      const rest = changes.filter((c) => c.type !== 'remove');
      if (rest.length > 0) set({ edges: applyEdgeChanges(rest, state.edges) });
    },

    /** Draws an edge; false when a rule forbids it. An output already connected is re-pointed to the new target. */
    connect(connection: Connection): boolean {
      if (!checkConnection(state.nodes, connection).ok) return false;
      commit();
      const kept = state.edges.filter(
        (e) => !(e.source === connection.source && e.sourceHandle === connection.sourceHandle),
      );
      const edge: CanvasEdge = {
        id: freeId('e', takenIds()),
        source: connection.source,
        sourceHandle: connection.sourceHandle!,
        target: connection.target,
      };
      change(state.nodes, [...kept, edge]);
      return true;
    },

    /** Adds a node with its type's defaults, selected alone; returns its id. */
    addNode(type: NodeType, position: { x: number; y: number }): string {
      commit();
      const id = freeId(type, takenIds());
      const node: CanvasNode = {
        id,
        type,
        position,
        data: specOf(type).defaults() as Record<string, unknown>,
        selected: true,
      };
      change([...state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node], state.edges);
      return id;
    },

    /**
     * Replaces a node's settings. Edges from outputs the node no longer has (a removed menu digit or branch rule)
     * are dropped with it, so the canvas never keeps an edge that points nowhere.
     */
    updateNodeData(id: string, data: Record<string, unknown>) {
      const node = state.nodes.find((n) => n.id === id);
      if (!node) return;
      commit(`data:${id}`);
      const handles = new Set(handlesOf(node.type, data).map((h) => h.id));
      change(
        state.nodes.map((n) => (n.id === id ? { ...n, data } : n)),
        state.edges.filter((e) => e.source !== id || handles.has(e.sourceHandle ?? '')),
      );
    },

    /** Moves nodes (auto-layout) as one undo step. */
    setPositions(positions: ReadonlyMap<string, { x: number; y: number }>) {
      commit();
      change(
        state.nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)),
        state.edges,
      );
    },

    deleteNodes(ids: readonly string[]) {
      removeNodes(new Set(ids));
    },

    deleteSelection() {
      const nodes = new Set(state.nodes.filter((n) => n.selected).map((n) => n.id));
      const edges = new Set(state.edges.filter((e) => e.selected).map((e) => e.id));
      if (nodes.size > 0) removeNodes(nodes);
      if (edges.size > 0) removeEdges(edges);
    },

    /** Selects one node (or none). */
    select(id: string | null) {
      set({
        nodes: state.nodes.map((n) => ((n.id === id) === !!n.selected ? n : { ...n, selected: n.id === id })),
        edges: state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      });
    },

    /** Copies the selected nodes (never the start) and the edges between them. False when nothing was copied. */
    copySelection(): boolean {
      const nodes = state.nodes.filter((n) => n.selected && n.type !== 'start');
      if (nodes.length === 0) return false;
      const ids = new Set(nodes.map((n) => n.id));
      const edges = state.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
      pasteCount = 0;
      clipboard.current = { nodes: structuredClone(nodes), edges: structuredClone(edges) };
      return true;
    },

    /** Pastes the clipboard with fresh ids, offset from the originals, and selects the copies. Returns the new ids. */
    paste(): string[] {
      const copied = clipboard.current;
      if (!copied || copied.nodes.length === 0) return [];
      commit();
      pasteCount += 1;
      const taken = takenIds();
      const idMap = new Map<string, string>();
      for (const node of copied.nodes) {
        const id = freeId(node.type ?? 'node', taken);
        taken.add(id);
        idMap.set(node.id, id);
      }
      const offset = PASTE_OFFSET * pasteCount;
      const nodes: CanvasNode[] = copied.nodes.map((node) => ({
        id: idMap.get(node.id)!,
        type: node.type,
        position: { x: node.position.x + offset, y: node.position.y + offset },
        data: structuredClone(node.data),
        selected: true,
      }));
      const edges: CanvasEdge[] = copied.edges.map((edge) => {
        const id = freeId('e', taken);
        taken.add(id);
        return {
          id,
          source: idMap.get(edge.source)!,
          sourceHandle: edge.sourceHandle,
          target: idMap.get(edge.target)!,
        };
      });
      change(
        [...state.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...nodes],
        [...state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...edges],
      );
      return nodes.map((n) => n.id);
    },

    undo() {
      restore('past');
    },

    redo() {
      restore('future');
    },
  };

  if (initial) actions.load(initial);

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The document as it would be saved now. */
    document: () => toDocument(state.nodes, state.edges),
    ...actions,
  };
}

export type FlowStore = ReturnType<typeof createFlowStore>;
