import { flowSchema } from 'virtual:ivr-flow-schema';
import { describe, expect, it } from 'vitest';
import type { FlowDocument, NodeType } from '../flow/types';
import { schemaIssues } from '../validation/schemaIssues';
import { dataSchemaOf, handlesOf, nodeRegistry, nodeTypeList } from './registry';

const schemaTypes = (flowSchema.$defs.node as { properties: { type: { enum: string[] } } }).properties.type.enum;

describe('the node registry and the shared flow schema', () => {
  it('list exactly the same node types', () => {
    expect([...nodeTypeList].sort()).toEqual([...schemaTypes].sort());
  });

  it('has a settings schema for every type', () => {
    for (const type of nodeTypeList) expect(dataSchemaOf(type)).toMatchObject({ type: 'object' });
  });

  it('starts every new node with settings the schema accepts', () => {
    for (const type of nodeTypeList) {
      // Targets the admin must choose (a queue, an agent, an IVR) start empty and are reported until chosen.
      const mustChoose: Partial<Record<NodeType, string>> = {
        transfer: 'data.destination.target',
        aiAgent: 'data.agentId',
        goToIvr: 'data.ivrId',
      };
      const document = {
        schemaVersion: 1,
        nodes: [{ id: 'n1', type, position: { x: 0, y: 0 }, data: nodeRegistry[type].defaults() }],
        edges: [],
      } as FlowDocument;
      const fields = schemaIssues(document).map((i) => i.field);
      expect(fields, type).toEqual(mustChoose[type] ? [mustChoose[type]] : []);
    }
  });

  it('names the output handles as the server’s node specs do', () => {
    const handles = (type: NodeType, data: unknown = nodeRegistry[type].defaults()) =>
      handlesOf(type, data).map((h) => h.id);
    expect(handles('start')).toEqual(['next']);
    expect(handles('playMessage')).toEqual(['next']);
    expect(handles('menu', { options: [{ digit: '1' }, { digit: '#' }] })).toEqual([
      'digit-1',
      'digit-#',
      'invalid',
      'timeout',
      'maxRetries',
    ]);
    expect(handles('dtmfInput')).toEqual(['next', 'timeout']);
    expect(handles('branch', { rules: [{ id: 'vip' }] })).toEqual(['rule-vip', 'else']);
    expect(handles('timeCondition')).toEqual(['true', 'false']);
    expect(handles('httpRequest')).toEqual(['success', 'error']);
    for (const type of ['transfer', 'voicemail', 'aiAgent', 'goToIvr', 'hangup'] as const)
      expect(handles(type)).toEqual([]);
  });
});
