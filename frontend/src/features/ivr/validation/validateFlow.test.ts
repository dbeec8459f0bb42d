import { describe, expect, it } from 'vitest';
import { acmeExample } from '../flow/seedExample';
import type { FlowDocument, FlowIssue } from '../flow/types';
import { validateFlow } from './validateFlow';

const codes = (issues: FlowIssue[]) =>
  issues.map((i) => `${i.severity}:${i.code}:${i.nodeId ?? i.edgeId ?? 'flow'}`).sort();
const edit = (change: (doc: FlowDocument) => void) => {
  const doc = acmeExample();
  change(doc);
  return doc;
};

// The examples the IVR docs ship (docs/ivr/examples), which the server's tests also validate.
const docExamples = import.meta.glob<FlowDocument>('../../../../../docs/ivr/examples/*.json', {
  eager: true,
  import: 'default',
});

describe('flow validation (the server’s rules, live in the builder)', () => {
  it('accepts seed 003’s example', () => {
    expect(validateFlow(acmeExample())).toEqual([]);
  });

  it('accepts the examples of the IVR documentation without errors', () => {
    expect(Object.keys(docExamples).length).toBeGreaterThan(0);
    for (const [file, document] of Object.entries(docExamples)) {
      expect(
        validateFlow(document).filter((i) => i.severity === 'error'),
        file,
      ).toEqual([]);
    }
  });

  it('needs exactly one start', () => {
    expect(codes(validateFlow(edit((d) => d.nodes.shift())))).toContain('error:no_start:flow');
    const twoStarts = edit((d) => d.nodes.push({ id: 'start2', type: 'start', position: { x: 0, y: 0 }, data: {} }));
    expect(codes(validateFlow(twoStarts))).toContain('error:multiple_starts:start2');
  });

  it('reports required settings by node and field, worded like the server', () => {
    const doc = edit((d) => {
      const sales = d.nodes.find((n) => n.id === 'sales')!;
      if (sales.type === 'transfer') sales.data.destination.target = '';
      const welcome = d.nodes.find((n) => n.id === 'welcome')!;
      if (welcome.type === 'playMessage') welcome.data.prompt = { kind: 'tts' };
    });
    const issues = validateFlow(doc);
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: 'schema',
        nodeId: 'welcome',
        field: 'data.prompt.text',
        message: 'text is required',
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ code: 'schema', nodeId: 'sales', field: 'data.destination.target' }),
    );
  });

  it('rejects settings the schema does not know', () => {
    const doc = edit((d) => ((d.nodes[1]!.data as Record<string, unknown>).colour = 'red'));
    expect(validateFlow(doc)).toContainEqual(
      expect.objectContaining({ nodeId: 'welcome', field: 'data.colour', message: 'colour is not a known setting' }),
    );
  });

  it('reports dangling edges and outputs a node does not have', () => {
    const doc = edit((d) => {
      d.edges.push({ id: 'e9', source: 'menu', sourceHandle: 'digit-7', target: 'nowhere' });
      d.edges.push({ id: 'e10', source: 'ghost', sourceHandle: 'next', target: 'sales' });
    });
    const found = codes(validateFlow(doc));
    expect(found).toEqual(
      expect.arrayContaining(['error:unknown_handle:e9', 'error:unknown_target:e9', 'error:unknown_source:e10']),
    );
  });

  it('warns about unreachable nodes and outputs that lead nowhere', () => {
    const doc = edit((d) => {
      d.nodes.push({ id: 'orphan', type: 'hangup', position: { x: 0, y: 0 }, data: {} });
      d.edges = d.edges.filter((e) => e.id !== 'e2');
    });
    const found = codes(validateFlow(doc));
    expect(found).toEqual(
      expect.arrayContaining(['warning:unreachable:orphan', 'warning:unreachable:menu', 'warning:dead_end:welcome']),
    );
    expect(found.filter((c) => c.startsWith('error'))).toEqual([]);
  });

  it('makes a loop without a waiting node an error, but not a loop through a menu', () => {
    const silent = edit((d) => {
      d.nodes.push({
        id: 'again',
        type: 'playMessage',
        position: { x: 0, y: 0 },
        data: { prompt: { kind: 'tts', text: 'Again' } },
      });
      d.edges.push({ id: 'e5', source: 'menu', sourceHandle: 'timeout', target: 'again' });
      d.edges.push({ id: 'e6', source: 'again', sourceHandle: 'next', target: 'again' });
    });
    expect(codes(validateFlow(silent))).toContain('error:silent_cycle:again');

    const waiting = edit((d) => {
      d.nodes.push({
        id: 'again',
        type: 'playMessage',
        position: { x: 0, y: 0 },
        data: { prompt: { kind: 'tts', text: 'Again' } },
      });
      d.edges.push({ id: 'e5', source: 'menu', sourceHandle: 'timeout', target: 'again' });
      d.edges.push({ id: 'e6', source: 'again', sourceHandle: 'next', target: 'menu' });
    });
    expect(codes(validateFlow(waiting)).filter((c) => c.includes('silent_cycle'))).toEqual([]);
  });

  it('applies the node checks a schema cannot express', () => {
    const doc = edit((d) => {
      const menu = d.nodes.find((n) => n.id === 'menu')!;
      if (menu.type === 'menu') menu.data.options = [{ digit: '1' }, { digit: '1' }];
      d.nodes.push({
        id: 'hours',
        type: 'timeCondition',
        position: { x: 0, y: 0 },
        data: {
          timeZone: 'Mars/Olympus',
          ranges: [{ days: ['mon'], start: '17:00', end: '09:00' }],
          holidays: ['2026-02-30'],
        },
      });
    });
    const issues = validateFlow(doc);
    expect(issues).toContainEqual(
      expect.objectContaining({ nodeId: 'menu', field: 'data.options[1].digit', message: 'digit 1 is used twice' }),
    );
    expect(issues).toContainEqual(expect.objectContaining({ nodeId: 'hours', field: 'data.timeZone' }));
    expect(issues).toContainEqual(
      expect.objectContaining({ nodeId: 'hours', field: 'data.ranges[0].end', message: 'must be after the start' }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ nodeId: 'hours', field: 'data.holidays[0]', message: 'is not a valid date' }),
    );
  });
});
