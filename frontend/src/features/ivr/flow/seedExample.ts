// Seed 003's example IVR (Start → Welcome "Thanks for calling Acme Corp" → Menu, 1 → Sales queue, 2 → Support queue),
// used by the unit tests and as the "example" a new IVR can start from.
import type { FlowDocument } from './types';

export function acmeExample(salesQueue = '600', supportQueue = '601'): FlowDocument {
  return {
    schemaVersion: 1,
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'welcome',
        type: 'playMessage',
        position: { x: 0, y: 120 },
        data: { label: 'Welcome', prompt: { kind: 'tts', text: 'Thanks for calling Acme Corp' } },
      },
      {
        id: 'menu',
        type: 'menu',
        position: { x: 0, y: 260 },
        data: {
          label: 'Menu',
          prompt: { kind: 'tts', text: 'Press 1 for Sales, 2 for Support' },
          options: [
            { digit: '1', label: 'Sales' },
            { digit: '2', label: 'Support' },
          ],
        },
      },
      {
        id: 'sales',
        type: 'transfer',
        position: { x: -160, y: 460 },
        data: { label: 'Sales', destination: { kind: 'queue', target: salesQueue } },
      },
      {
        id: 'support',
        type: 'transfer',
        position: { x: 160, y: 460 },
        data: { label: 'Support', destination: { kind: 'queue', target: supportQueue } },
      },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceHandle: 'next', target: 'welcome' },
      { id: 'e2', source: 'welcome', sourceHandle: 'next', target: 'menu' },
      { id: 'e3', source: 'menu', sourceHandle: 'digit-1', target: 'sales' },
      { id: 'e4', source: 'menu', sourceHandle: 'digit-2', target: 'support' },
    ],
  };
}
