// The try-it chat: start a chat with a saved agent, then send messages whose answers stream back as server-sent
// events over a fetch body (EventSource cannot POST).
import { api } from '../../api/client';
import { toApiError } from '../../api/errors';

export interface ChatStart {
  conversationId: number;
  greeting: string | null;
  llmProvider: string;
  model: string;
}

export type ChatEvent =
  | { type: 'text'; text: string }
  | { type: 'tool'; name: string; arguments: string; result: string; executed: boolean }
  | { type: 'ended'; outcome: string; transferredTo: string | null }
  | { type: 'done'; finishReason: string | null; llmFirstTokenMs: number | null; totalMs: number }
  | { type: 'error'; message: string };

export function startChat(agentId: number, context: string, variables: Record<string, string>): Promise<ChatStart> {
  return api.post<ChatStart>(`/api/agents/${agentId}/chat`, { context: context || null, variables });
}

/** Splits a server-sent-events text into complete events; returns them and the unfinished rest. */
export function parseSse(buffer: string): { events: ChatEvent[]; rest: string } {
  const events: ChatEvent[] = [];
  const blocks = buffer.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const data = block
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n');
    if (data) events.push(JSON.parse(data) as ChatEvent);
  }
  return { events, rest };
}

export async function sendChatMessage(
  conversationId: number,
  text: string,
  onEvent: (event: ChatEvent) => void,
  signal?: AbortSignal,
) {
  const response = await fetch(`/api/agents/chat/${conversationId}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream, application/problem+json' },
    body: JSON.stringify({ text }),
    credentials: 'same-origin',
    signal,
  });
  if (!response.ok || !response.body) {
    const body: unknown = await response.json().catch(() => undefined);
    throw toApiError(response.status, body, response.headers.get('retry-after'));
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const { events, rest } = parseSse(buffer);
    buffer = rest;
    events.forEach(onEvent);
  }
  const { events } = parseSse(buffer + '\n\n');
  events.forEach(onEvent);
}
