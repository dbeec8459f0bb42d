// Converting between the saved document (data only) and xyflow's nodes and edges (which also carry UI state:
// selection, measured size, dragging). Also the id helpers both sides need.
import type { Edge, Node } from '@xyflow/react';
import { isNodeType } from '../nodes/registry';
import { FLOW_SCHEMA_VERSION, type FlowDocument, type FlowEdge, type FlowNode, type NodeType } from './types';

export type CanvasNode = Node<Record<string, unknown>, NodeType>;
export type CanvasEdge = Edge;

export function toCanvasNode(node: FlowNode): CanvasNode {
  return {
    id: node.id,
    type: node.type,
    position: { x: node.position.x, y: node.position.y },
    data: structuredClone(node.data) as Record<string, unknown>,
    // Exactly one start: it cannot be deleted (nor copied, see the store).
    ...(node.type === 'start' ? { deletable: false } : {}),
  };
}

export function toCanvasEdge(edge: FlowEdge): CanvasEdge {
  return { id: edge.id, source: edge.source, sourceHandle: edge.sourceHandle, target: edge.target };
}

/** The document to save: only the schema's properties, positions rounded to whole pixels. */
export function toDocument(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): FlowDocument {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: nodes.map(
      (node) =>
        ({
          id: node.id,
          type: node.type,
          position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
          data: structuredClone(node.data),
        }) as FlowNode,
    ),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle ?? '',
      target: edge.target,
    })),
  };
}

/**
 * Reads a document from the API or an imported file. Only the shape needed to draw it is checked here (arrays of
 * nodes with a known type and edges); everything else is the validator's job, so a broken draft still opens.
 */
export function parseDocument(value: unknown): FlowDocument {
  if (value === null || typeof value !== 'object') throw new Error('The file is not a flow: expected a JSON object.');
  const doc = value as Record<string, unknown>;
  if (doc.schemaVersion !== FLOW_SCHEMA_VERSION) {
    throw new Error(
      `Unsupported flow format version ${String(doc.schemaVersion)} (this builder reads version ${FLOW_SCHEMA_VERSION}).`,
    );
  }
  if (!Array.isArray(doc.nodes) || !Array.isArray(doc.edges))
    throw new Error('The flow needs "nodes" and "edges" arrays.');
  const nodes = doc.nodes.map((raw, index) => {
    const node = raw as Partial<FlowNode> | null;
    if (!node || typeof node.id !== 'string' || !isNodeType(node.type)) {
      throw new Error(`Node #${index + 1} has no id or an unknown type.`);
    }
    const position =
      node.position && typeof node.position.x === 'number' && typeof node.position.y === 'number'
        ? node.position
        : { x: 0, y: 0 };
    return { id: node.id, type: node.type, position, data: (node.data ?? {}) as never } as FlowNode;
  });
  const edges = doc.edges.map((raw, index) => {
    const edge = raw as Partial<FlowEdge> | null;
    if (!edge || typeof edge.id !== 'string' || typeof edge.source !== 'string' || typeof edge.target !== 'string') {
      throw new Error(`Edge #${index + 1} needs an id, a source and a target.`);
    }
    return { id: edge.id, source: edge.source, sourceHandle: String(edge.sourceHandle ?? ''), target: edge.target };
  });
  return { schemaVersion: FLOW_SCHEMA_VERSION, nodes, edges };
}

/** The first free id of the form `<prefix><n>` (ids must match ^[A-Za-z0-9_-]{1,64}$). */
export function freeId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!taken.has(id)) return id;
  }
}
