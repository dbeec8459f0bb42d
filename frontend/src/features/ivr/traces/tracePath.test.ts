import { describe, expect, it } from 'vitest';
import { highlightPath, noHighlight } from './tracePath';

const call = [
  { ivrId: '7', nodeId: 'start', handle: 'next' },
  { ivrId: '7', nodeId: 'welcome', handle: 'next' },
  { ivrId: '7', nodeId: 'menu', handle: 'digit-1' },
  { ivrId: '7', nodeId: 'bye', handle: null },
];

describe('highlightPath', () => {
  it('marks every visited node, every output taken, and the node the call ended at', () => {
    const path = highlightPath(call, '7');
    expect([...path.visitedNodeIds]).toEqual(['start', 'welcome', 'menu', 'bye']);
    expect([...path.travelled]).toEqual(['start|next', 'welcome|next', 'menu|digit-1']);
    expect(path.currentNodeId).toBe('bye');
  });

  it('counts a node visited twice once, and keeps both outputs it left by', () => {
    const retried = [
      { ivrId: '7', nodeId: 'menu', handle: 'invalid' },
      { ivrId: '7', nodeId: 'sorry', handle: 'next' },
      { ivrId: '7', nodeId: 'menu', handle: 'digit-2' },
    ];
    const path = highlightPath(retried, '7');
    expect([...path.visitedNodeIds]).toEqual(['menu', 'sorry']);
    expect([...path.travelled]).toEqual(['menu|invalid', 'sorry|next', 'menu|digit-2']);
    expect(path.currentNodeId).toBe('menu');
  });

  it('leaves out the steps that ran in another IVR after a goToIvr', () => {
    const jumped = [
      { ivrId: '7', nodeId: 'start', handle: 'next' },
      { ivrId: '7', nodeId: 'jump', handle: null },
      { ivrId: '9', nodeId: 'start', handle: 'next' },
      { ivrId: '9', nodeId: 'other', handle: null },
    ];
    const path = highlightPath(jumped, '7');
    expect([...path.visitedNodeIds]).toEqual(['start', 'jump']);
    expect([...path.travelled]).toEqual(['start|next']);
    expect(path.currentNodeId).toBe('jump');
  });

  it('takes every step of a simulator path, whose steps carry no IVR', () => {
    const path = highlightPath(
      [
        { nodeId: 'start', handle: 'next' },
        { nodeId: 'menu', handle: null },
      ],
      '7',
    );
    expect(path.currentNodeId).toBe('menu');
    expect([...path.travelled]).toEqual(['start|next']);
  });

  it('highlights nothing without steps', () => {
    expect(highlightPath(null)).toBe(noHighlight);
    expect(highlightPath([], '7')).toBe(noHighlight);
    expect(highlightPath([{ ivrId: '9', nodeId: 'start', handle: 'next' }], '7').currentNodeId).toBeNull();
  });
});
