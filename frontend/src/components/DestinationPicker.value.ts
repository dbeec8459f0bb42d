// The value logic of the destination picker, kept apart from React so it can be tested: which kinds of destination
// exist, how they are worded for an office manager, and how a (type, target) pair maps to what the two inputs show.

/** The API's destination types (BotPbx.Telephony.Model.DestinationType). */
export type DestinationType =
  | 'extension'
  | 'ringGroup'
  | 'queue'
  | 'ivr'
  | 'aiAgent'
  | 'voicemail'
  | 'timeCondition'
  | 'conference'
  | 'external'
  | 'hangup';

/** Where a call goes: the id of an object (as text), a phone number for `external`, nothing for `hangup`. */
export interface Destination {
  type: DestinationType;
  target?: string | null;
}

/** One choosable object, as `GET /api/destinations` lists them (hang-up comes with a null target). */
export interface DestinationOption {
  type: DestinationType;
  target: string | null;
  label: string;
}

export interface DestinationKind {
  type: DestinationType;
  label: string;
  /** What the second input asks for. */
  targetLabel: string;
  /** How the target is chosen: from a list of objects, typed as a number, or not at all. */
  input: 'select' | 'number' | 'none';
}

/** In the order people usually want them. Voicemail targets are extensions (their mailbox). */
export const destinationKinds: readonly DestinationKind[] = [
  { type: 'extension', label: 'Ring an extension', targetLabel: 'Extension', input: 'select' },
  { type: 'ringGroup', label: 'Ring a group of phones', targetLabel: 'Ring group', input: 'select' },
  { type: 'queue', label: 'Put in a call queue', targetLabel: 'Queue', input: 'select' },
  { type: 'ivr', label: 'Play a phone menu (IVR)', targetLabel: 'IVR', input: 'select' },
  { type: 'aiAgent', label: 'Answer with an AI agent', targetLabel: 'AI agent', input: 'select' },
  { type: 'voicemail', label: 'Send to voicemail', targetLabel: 'Voicemail box of', input: 'select' },
  { type: 'timeCondition', label: 'Check business hours', targetLabel: 'Time condition', input: 'select' },
  { type: 'conference', label: 'Join a conference room', targetLabel: 'Conference', input: 'select' },
  { type: 'external', label: 'Forward to an outside number', targetLabel: 'Phone number', input: 'number' },
  { type: 'hangup', label: 'Hang up', targetLabel: '', input: 'none' },
];

export function kindOf(type: DestinationType): DestinationKind {
  return destinationKinds.find((k) => k.type === type) ?? destinationKinds[destinationKinds.length - 1]!;
}

/** The objects a type may point at (the API lists voicemail boxes, by extension id, as their own type). */
export function optionsFor(type: DestinationType, options: readonly DestinationOption[]): DestinationOption[] {
  return options.filter((o) => o.type === type);
}

/**
 * The value after the person picks another type. The target is kept only when it still makes sense (an extension
 * chosen for "ring" stays chosen for "voicemail"); otherwise a list type preselects its first object, so the
 * form never sends a type without a target; `external` starts empty and `hangup` has none.
 */
export function changeType(
  current: Destination,
  type: DestinationType,
  options: readonly DestinationOption[],
): Destination {
  const kind = kindOf(type);
  if (kind.input === 'none') return { type };
  if (kind.input === 'number') return { type, target: current.type === 'external' ? (current.target ?? '') : '' };
  const choices = optionsFor(type, options);
  // Ids are per table: extension 3 and queue 3 are different objects, so a target only survives a switch between
  // types that point at the same table (ring an extension ↔ its voicemail box).
  const sameTable = sourceType(current.type) === sourceType(type);
  if (sameTable && current.target && choices.some((o) => o.target === current.target)) {
    return { type, target: current.target };
  }
  return { type, target: choices[0]?.target ?? '' };
}

function sourceType(type: DestinationType): DestinationType {
  return type === 'voicemail' ? 'extension' : type;
}

/** The request body value: hangup without a target, everything else with its target trimmed. */
export function toRequest(value: Destination): Destination {
  if (value.type === 'hangup') return { type: 'hangup' };
  return { type: value.type, target: (value.target ?? '').trim() };
}

/** A readable sentence for lists: "Ring an extension: 101 Front desk", "Hang up". */
export function describeDestination(
  value: Destination | null | undefined,
  options: readonly DestinationOption[],
): string {
  if (!value) return 'Hang up';
  const kind = kindOf(value.type);
  if (kind.input === 'none') return kind.label;
  if (kind.input === 'number') return `${kind.label}: ${value.target ?? ''}`;
  const option = optionsFor(value.type, options).find((o) => o.target === value.target);
  return `${kind.label}: ${option?.label ?? `#${value.target ?? '?'} (missing)`}`;
}
