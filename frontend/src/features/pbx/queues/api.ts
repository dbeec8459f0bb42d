import type { Id } from '../../../api/types';
import type { Destination } from '../../../components/DestinationPicker';
import { crudApi } from '../shared/crudApi';

export type QueueStrategy = 'ringall' | 'leastrecent' | 'fewestcalls' | 'random' | 'rrmemory' | 'linear';

export interface QueueMember {
  extensionId: Id;
  /** 0 is asked first; members with a higher penalty only when everyone lower is busy. */
  penalty: number;
}

export interface CallQueue {
  id: Id;
  number: string;
  name: string;
  strategy: QueueStrategy;
  memberTimeoutSeconds: number;
  retrySeconds: number;
  weight: number;
  wrapUpSeconds: number;
  members: QueueMember[];
  allowDynamicMembers: boolean;
  mohClass: string;
  announcePosition: boolean;
  announceHoldTime: boolean;
  announceFrequencySeconds: number;
  periodicAnnounce: string;
  periodicAnnounceFrequencySeconds: number;
  joinEmpty: boolean;
  leaveWhenEmpty: boolean;
  maxWaitSeconds: number;
  timeoutDestination: Destination;
}

export type CallQueueInput = Omit<CallQueue, 'id'>;

export const queuesApi = crudApi<CallQueue, CallQueueInput>('/api/queues', 'queues');

/** Asterisk's ring strategies (queues.conf `strategy`) in words an office manager understands. */
export const queueStrategies: readonly { value: QueueStrategy; label: string; description: string }[] = [
  {
    value: 'ringall',
    label: 'Ring everyone',
    description: 'All free agents ring at once; the first to answer gets the call.',
  },
  {
    value: 'leastrecent',
    label: 'Longest idle first',
    description: 'The agent who finished a call longest ago rings first.',
  },
  {
    value: 'fewestcalls',
    label: 'Fewest calls first',
    description: 'The agent who took the fewest calls from this queue rings first.',
  },
  {
    value: 'rrmemory',
    label: 'Take turns',
    description: 'Agents ring one at a time, continuing after whoever rang last.',
  },
  {
    value: 'linear',
    label: 'In list order',
    description: 'Always starts with the first agent in the list, then the next.',
  },
  { value: 'random', label: 'Random', description: 'A random free agent rings.' },
];

export function newQueue(): CallQueueInput {
  return {
    number: '',
    name: '',
    strategy: 'ringall',
    memberTimeoutSeconds: 30,
    retrySeconds: 5,
    weight: 0,
    wrapUpSeconds: 0,
    members: [],
    allowDynamicMembers: true,
    mohClass: 'default',
    announcePosition: true,
    announceHoldTime: false,
    announceFrequencySeconds: 30,
    periodicAnnounce: '',
    periodicAnnounceFrequencySeconds: 60,
    joinEmpty: true,
    leaveWhenEmpty: false,
    maxWaitSeconds: 300,
    timeoutDestination: { type: 'hangup' },
  };
}
