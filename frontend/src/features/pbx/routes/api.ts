import { useMutation } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { Id } from '../../../api/types';
import type { Destination } from '../../../components/DestinationPicker';
import { crudApi, useInvalidatePbx } from '../shared/crudApi';

export interface InboundRoute {
  id: Id;
  name: string;
  /** The number the provider sends (digits, optional +), or an Asterisk pattern starting with _. */
  did: string;
  callerIdPattern: string;
  /** Only calls arriving on this trunk; null = any trunk. */
  trunkId: Id | null;
  destination: Destination;
}

export type InboundRouteInput = Omit<InboundRoute, 'id'>;

export interface OutboundRoute {
  id: Id;
  name: string;
  /** Lower is tried first. */
  position: number;
  patterns: string[];
  strip: number;
  prepend: string;
  /** Tried in order; the next one on congestion or when unavailable. */
  trunkIds: Id[];
  callerIdOverride: string;
  allowedExtensionIds: Id[];
  emergencyNumbers: string[];
}

export type OutboundRouteInput = Omit<OutboundRoute, 'id'>;

export const inboundRoutesApi = crudApi<InboundRoute, InboundRouteInput>('/api/inbound-routes', 'inbound-routes');
export const outboundRoutesApi = crudApi<OutboundRoute, OutboundRouteInput>('/api/outbound-routes', 'outbound-routes');

/** Sets the order routes are tried in: every route id, first-tried first (the server renumbers 10, 20, 30…). */
export function useReorderOutboundRoutes() {
  const invalidate = useInvalidatePbx();
  return useMutation({
    mutationFn: (ids: Id[]) => api.put<void>('/api/outbound-routes/order', { ids }),
    onSuccess: invalidate,
  });
}
