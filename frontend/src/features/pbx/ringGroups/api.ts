import type { Id } from '../../../api/types';
import type { Destination } from '../../../components/DestinationPicker';
import { crudApi } from '../shared/crudApi';

export type RingStrategy = 'ringAll' | 'hunt';

export interface RingGroup {
  id: Id;
  number: string;
  name: string;
  strategy: RingStrategy;
  /** Ring all: how long all phones ring. Hunt: how long each member rings. */
  ringSeconds: number;
  memberExtensionIds: Id[];
  noAnswerDestination: Destination;
}

export type RingGroupInput = Omit<RingGroup, 'id'>;

export const ringGroupsApi = crudApi<RingGroup, RingGroupInput>('/api/ring-groups', 'ring-groups');

export const ringStrategies: readonly { value: RingStrategy; label: string; description: string }[] = [
  {
    value: 'ringAll',
    label: 'Ring all at once',
    description: 'Every phone in the group rings together; the first to pick up gets the call.',
  },
  { value: 'hunt', label: 'One after another', description: 'Phones ring one at a time, in the order of the list.' },
];
