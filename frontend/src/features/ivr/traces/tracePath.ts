// The part of a call's path that is drawn on this canvas: the nodes it visited, the outputs it left by and the node
// it ended at, in the shape the canvas decorations use (FlowCanvas marks `nodeId|handle` as travelled). Shared by
// the simulator's live path and the traces of real calls.

export interface PathStep {
  nodeId: string;
  handle: string | null;
  /** The IVR the step ran in; a goToIvr continues the trace in another one. Absent for simulator steps. */
  ivrId?: string;
}

export interface PathHighlight {
  currentNodeId: string | null;
  visitedNodeIds: ReadonlySet<string>;
  /** `nodeId|handle` for every output the call left by. */
  travelled: ReadonlySet<string>;
}

export const noHighlight: PathHighlight = { currentNodeId: null, visitedNodeIds: new Set(), travelled: new Set() };

/** Highlights the steps that ran in `ivrId` (all of them when it is omitted or the steps carry no IVR). */
export function highlightPath(steps: readonly PathStep[] | null | undefined, ivrId?: string): PathHighlight {
  if (!steps || steps.length === 0) return noHighlight;
  const here = steps.filter((s) => ivrId === undefined || s.ivrId === undefined || s.ivrId === ivrId);
  return {
    currentNodeId: here.length > 0 ? here[here.length - 1]!.nodeId : null,
    visitedNodeIds: new Set(here.map((s) => s.nodeId)),
    travelled: new Set(here.filter((s) => s.handle).map((s) => `${s.nodeId}|${s.handle}`)),
  };
}
