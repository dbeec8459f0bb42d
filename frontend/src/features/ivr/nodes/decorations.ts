// What the canvas paints on top of the nodes without it being part of the flow: validation issues (live and from
// the server) and the simulator's progress. Provided once by the builder page; nodes read it from context.
import { createContext, useContext } from 'react';
import type { FlowIssue } from '../flow/types';

export interface CanvasDecorations {
  issuesByNode: ReadonlyMap<string, FlowIssue[]>;
  /** The node the simulated call is at (waiting for digits, or where it ended). */
  currentNodeId: string | null;
  visitedNodeIds: ReadonlySet<string>;
}

export const emptyDecorations: CanvasDecorations = {
  issuesByNode: new Map(),
  currentNodeId: null,
  visitedNodeIds: new Set(),
};

export const DecorationsContext = createContext<CanvasDecorations>(emptyDecorations);

export const useDecorations = () => useContext(DecorationsContext);
