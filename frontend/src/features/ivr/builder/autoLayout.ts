// Auto-layout with dagre: ranks from left to right (outputs are on the right of each node), using each node's
// measured size when the canvas has drawn it. Returns the new top-left positions.
import dagre from '@dagrejs/dagre';
import type { CanvasEdge, CanvasNode } from '../flow/document';

const DEFAULT_WIDTH = 220;
const DEFAULT_HEIGHT = 110;

export function autoLayout(nodes: readonly CanvasNode[], edges: readonly CanvasEdge[]): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  const size = (node: CanvasNode) => ({
    width: node.measured?.width ?? DEFAULT_WIDTH,
    height: node.measured?.height ?? DEFAULT_HEIGHT,
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
