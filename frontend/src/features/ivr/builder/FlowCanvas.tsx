// The canvas: xyflow drawing the store's nodes and edges, dropping palette items where they are released, and
// marking edges that have problems or that the simulated call went along.
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type IsValidConnection,
} from '@xyflow/react';
import { useCallback, useMemo, type DragEvent } from 'react';
import type { CanvasEdge } from '../flow/document';
import { useDecorations } from '../nodes/decorations';
import { nodeTypes } from '../nodes/nodeTypes';
import { isNodeType, specOf } from '../nodes/registry';
import { checkConnection } from '../store/flowStore';
import { useFlowStore, useFlowStoreApi } from '../store/useFlowStore';
import { PALETTE_MIME } from './Palette';
import styles from './Builder.module.css';

const defaultEdgeOptions = { type: 'smoothstep' } as const;

export function FlowCanvas({
  invalidEdges,
  travelled,
}: {
  invalidEdges: ReadonlySet<string>;
  travelled: ReadonlySet<string>;
}) {
  const store = useFlowStoreApi();
  const nodes = useFlowStore((s) => s.nodes);
  const rawEdges = useFlowStore((s) => s.edges);
  const { currentNodeId } = useDecorations();
  const { screenToFlowPosition } = useReactFlow();

  const edges = useMemo(
    () =>
      rawEdges.map((edge): CanvasEdge => {
        const key = `${edge.source}|${edge.sourceHandle ?? ''}`;
        if (invalidEdges.has(edge.id)) return { ...edge, className: styles.edgeInvalid };
        if (travelled.has(key))
          return { ...edge, className: styles.edgeTravelled, animated: edge.target === currentNodeId };
        return edge;
      }),
    [rawEdges, invalidEdges, travelled, currentNodeId],
  );

  const isValidConnection: IsValidConnection<Edge> = useCallback(
    (connection) => checkConnection(store.getState().nodes, connection as Connection).ok,
    [store],
  );

  const onDrop = useCallback(
    (event: DragEvent<HTMLDivElement>) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!isNodeType(type)) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // Centre the new node under the pointer (nodes are 220 px wide).
      store.addNode(type, { x: Math.round(point.x - 110), y: Math.round(point.y - 30) });
    },
    [screenToFlowPosition, store],
  );

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      onNodesChange={store.onNodesChange}
      onEdgesChange={store.onEdgesChange}
      onConnect={store.connect}
      isValidConnection={isValidConnection}
      onDrop={onDrop}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes(PALETTE_MIME)) {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'move';
        }
      }}
      defaultEdgeOptions={defaultEdgeOptions}
      deleteKeyCode={['Backspace', 'Delete']}
      fitView
      fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
      minZoom={0.2}
      maxZoom={2}
      aria-label="IVR canvas"
    >
      <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} />
      <Controls showInteractive={false} />
      <MiniMap
        pannable
        zoomable
        nodeColor={(node) => (isNodeType(node.type) ? categoryColour[specOf(node.type).category] : '#94a3b8')}
      />
    </ReactFlow>
  );
}

const categoryColour = {
  Play: '#2563eb',
  'Caller input': '#7c3aed',
  Logic: '#d97706',
  Destination: '#16a34a',
} as const;
