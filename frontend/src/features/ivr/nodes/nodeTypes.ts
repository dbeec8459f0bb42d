// xyflow's nodeTypes, derived from the registry once at module scope (a new object per render would remount nodes).
import type { NodeTypes } from '@xyflow/react';
import { FlowNodeCard } from './FlowNodeCard';
import { nodeTypeList } from './registry';

export const nodeTypes: NodeTypes = Object.fromEntries(nodeTypeList.map((type) => [type, FlowNodeCard]));
