// A read-only drawing of a flow document (a published version in the history drawer).
import { Background, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useMemo } from 'react';
import { toCanvasEdge, toCanvasNode } from '../flow/document';
import type { FlowDocument } from '../flow/types';
import { DecorationsContext, emptyDecorations } from '../nodes/decorations';
import { nodeTypes } from '../nodes/nodeTypes';

export function FlowPreview({ document }: { document: FlowDocument }) {
  const nodes = useMemo(() => document.nodes.map(toCanvasNode), [document]);
  const edges = useMemo(() => document.edges.map((e) => ({ ...toCanvasEdge(e), type: 'smoothstep' })), [document]);
  return (
    <ReactFlowProvider>
      <DecorationsContext.Provider value={emptyDecorations}>
        <div style={{ height: 420, border: '1px solid var(--color-border)', borderRadius: 8 }}>
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            fitView
            aria-label="Version preview"
          >
            <Background gap={18} size={1} />
          </ReactFlow>
        </div>
      </DecorationsContext.Provider>
    </ReactFlowProvider>
  );
}
