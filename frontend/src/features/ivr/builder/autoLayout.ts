// Auto-layout with dagre: ranks from left to right (outputs are on the right of each node), using each node's
// measured size when the canvas has drawn it. Returns the new top-left positions.
import dagre from '@dagrejs/dagre';
import { toCanvasEdge, toCanvasNode, type CanvasEdge, type CanvasNode } from '../flow/document';
import type { FlowDocument } from '../flow/types';
import { handlesOf } from '../nodes/registry';

const DEFAULT_WIDTH = 220;

/** A node's height before the canvas has measured it: the card's head and summary, and a row per output. */
function estimatedHeight(node: CanvasNode): number {
  const outputs = node.type ? handlesOf(node.type, node.data).length : 0;
  return 84 + (outputs > 0 ? 8 + 20 * outputs : 0);
}

export function autoLayout(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  const size = (node: CanvasNode) => ({
    width: node.measured?.width ?? DEFAULT_WIDTH,
    height: node.measured?.height ?? estimatedHeight(node),
  });
  for (const node of nodes) graph.setNode(node.id, size(node));
  for (const edge of edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target);
  }
  dagre.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const laid = graph.node(node.id);
    const { width, height } = size(node);
    // dagre answers centres; xyflow positions are top-left corners.
    positions.set(node.id, { x: Math.round(laid.x - width / 2), y: Math.round(laid.y - height / 2) });
  }
  return positions;
}

/**
 * A document whose nodes would overlap on this canvas (written by hand or by a tool that assumed smaller nodes) comes
 * back laid out; a readable one comes back as it is.
 */
export function layoutIfCrowded(document: FlowDocument): FlowDocument {
  const nodes = document.nodes.map(toCanvasNode);
  const crowded = nodes.some((a, i) =>
    nodes.some(
      (b, j) =>
        j > i &&
        Math.abs(a.position.x - b.position.x) < DEFAULT_WIDTH &&
        Math.abs(a.position.y - b.position.y) < estimatedHeight(a),
    ),
  );
  if (!crowded) return document;
  const positions = autoLayout(nodes, document.edges.map(toCanvasEdge));
  return { ...document, nodes: document.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) };
}

/** The first place at or below `wanted` where a new node would not cover another one. */
export function freeSpot(nodes: readonly CanvasNode[], wanted: { x: number; y: number }): { x: number; y: number } {
  const covers = (spot: { x: number; y: number }) =>
    nodes.some(
      (n) =>
        Math.abs(n.position.x - spot.x) < (n.measured?.width ?? DEFAULT_WIDTH) &&
        spot.y < n.position.y + (n.measured?.height ?? estimatedHeight(n)) + 24 &&
        n.position.y < spot.y + 120,
    );
  let spot = wanted;
  for (let step = 0; step < 50 && covers(spot); step++) spot = { x: wanted.x, y: spot.y + 40 };
  return spot;
}
