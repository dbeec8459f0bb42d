// React access to the builder's store: one store per open IVR, shared through context, read with selectors.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { FlowState, FlowStore } from './flowStore';

export const FlowStoreContext = createContext<FlowStore | null>(null);

export function useFlowStoreApi(): FlowStore {
  const store = useContext(FlowStoreContext);
  if (!store) throw new Error('useFlowStore must be used inside <FlowStoreContext.Provider>');
  return store;
}

/** Re-renders when the selected slice changes (compared with Object.is, so select stable references or primitives). */
export function useFlowStore<T>(selector: (state: FlowState) => T): T {
  const store = useFlowStoreApi();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
