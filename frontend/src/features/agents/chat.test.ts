import { describe, expect, it } from 'vitest';
import { parseSse } from './chat';

describe('parseSse', () => {
  it('returns complete events and keeps an event cut in the middle for the next chunk', () => {
    const first = parseSse('event: text\ndata: {"type":"text","text":"Hel"}\n\nevent: text\ndata: {"type":"te');
    expect(first.events).toEqual([{ type: 'text', text: 'Hel' }]);
    const second = parseSse(
      first.rest +
        'xt","text":"lo"}\n\nevent: done\ndata: {"type":"done","finishReason":"stop","llmFirstTokenMs":3,"totalMs":9}\n\n',
    );
    expect(second.events.map((e) => e.type)).toEqual(['text', 'done']);
    expect(second.rest).toBe('');
  });
});
