// The graph rules, the same as the server's GraphRules.cs: exactly one start, edges that fit their nodes (no dangling
// source/target, a handle the node has, one edge per handle, nothing into the start), nodes the start cannot reach
// (warning), outputs left unconnected (warning: the call hangs up there), and loops that never wait for the caller.
import type { FlowDocument, FlowIssue } from '../flow/types';
import { handlesOf, isNodeType, specOf } from '../nodes/registry';

export function graphRules(document: FlowDocument): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const nodes = new Map<string, FlowDocument['nodes'][number]>();
  for (const node of document.nodes) {
    if (nodes.has(node.id))
      issues.push({
        severity: 'error',
        code: 'duplicate_id',
        message: `node id ${node.id} is used twice`,
        nodeId: node.id,
      });
    else if (isNodeType(node.type)) nodes.set(node.id, node);
  }
  const handles = new Map([...nodes].map(([id, node]) => [id, handlesOf(node.type, node.data).map((h) => h.id)]));

  const starts = document.nodes.filter((n) => n.type === 'start');
  if (starts.length === 0) issues.push({ severity: 'error', code: 'no_start', message: 'the flow needs a start node' });
  for (const extra of starts.slice(1)) {
    issues.push({
      severity: 'error',
      code: 'multiple_starts',
      message: 'a flow has exactly one start node',
      nodeId: extra.id,
    });
  }

  // Edges, indexed by (source, handle) keeping the first, as the server's FlowGraph does.
  const targets = new Map<string, string>();
  const edgeIds = new Set<string>();
  const edgeError = (id: string, code: string, message: string, field?: string) =>
    issues.push({ severity: 'error', code, message, edgeId: id, ...(field ? { field } : {}) });
  for (const edge of document.edges) {
    if (edgeIds.has(edge.id)) edgeError(edge.id, 'duplicate_id', `edge id ${edge.id} is used twice`);
    edgeIds.add(edge.id);
    const sourceHandles = handles.get(edge.source);
    if (!sourceHandles) edgeError(edge.id, 'unknown_source', `source node ${edge.source} does not exist`, 'source');
    else if (!sourceHandles.includes(edge.sourceHandle)) {
      edgeError(edge.id, 'unknown_handle', `node ${edge.source} has no output '${edge.sourceHandle}'`, 'sourceHandle');
    }
    const target = nodes.get(edge.target);
    if (!target) edgeError(edge.id, 'unknown_target', `target node ${edge.target} does not exist`, 'target');
    else if (target.type === 'start')
      edgeError(edge.id, 'into_start', 'nothing may lead back into the start node', 'target');
    const key = `${edge.source}\u0000${edge.sourceHandle}`;
    if (targets.has(key)) {
      edgeError(
        edge.id,
        'handle_used_twice',
        `output '${edge.sourceHandle}' of ${edge.source} is already connected`,
        'sourceHandle',
      );
    } else {
      targets.set(key, edge.target);
    }
  }
  const successors = (id: string) =>
    (handles.get(id) ?? [])
      .map((h) => targets.get(`${id}\u0000${h}`))
      .filter((t): t is string => t !== undefined && nodes.has(t));

  if (starts[0]) {
    const seen = new Set([starts[0].id]);
    const queue = [starts[0].id];
    while (queue.length > 0) {
      for (const next of successors(queue.shift()!)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    for (const node of document.nodes) {
      if (!seen.has(node.id))
        issues.push({
          severity: 'warning',
          code: 'unreachable',
          message: 'no path from the start reaches this node',
          nodeId: node.id,
        });
    }
  }

  issues.push(...silentCycles(nodes, successors));

  for (const [id, nodeHandles] of handles) {
    if (nodeHandles.length > 0 && successors(id).length === 0) {
      issues.push({
        severity: 'warning',
        code: 'dead_end',
        message: 'nothing is connected after this node: the call hangs up here',
        nodeId: id,
      });
    }
  }
  return issues;
}

/**
 * A loop made only of nodes that never wait for the caller would spin until the loop guard stops it: the strongly
 * connected components (Tarjan) of the graph restricted to such nodes; each node of a cycle gets an error.
 */
function silentCycles(
  nodes: Map<string, FlowDocument['nodes'][number]>,
  successors: (id: string) => string[],
): FlowIssue[] {
  const silent = new Set([...nodes.values()].filter((n) => !specOf(n.type).waitsForCaller).map((n) => n.id));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const issues: FlowIssue[] = [];
  let counter = 0;

  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of successors(node).filter((n) => silent.has(n))) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfLoop = component.length === 1 && successors(node).includes(node);
    if (component.length > 1 || selfLoop) {
      const loop = [...component].reverse().join(' → ');
      for (const id of component) {
        issues.push({
          severity: 'error',
          code: 'silent_cycle',
          message: `this node is in a loop (${loop}) that never waits for the caller`,
          nodeId: id,
        });
      }
    }
  };
  for (const node of silent) if (!index.has(node)) visit(node);
  return issues;
}
