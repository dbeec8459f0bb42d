// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acmeExample } from '../flow/seedExample';
import { createFlowStore } from '../store/flowStore';
import { FlowStoreContext } from '../store/useFlowStore';
import { indexIssues, validateFlow } from '../validation/validateFlow';
import { NodeInspector } from './NodeInspector';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderInspector(select: string | null) {
  // The destination field asks the telephony API for suggestions; here it is not installed.
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } })),
  );
  const store = createFlowStore(acmeExample());
  store.select(select);
  const issues = indexIssues(validateFlow(store.document()));
  render(
    <QueryClientProvider client={new QueryClient()}>
      <FlowStoreContext.Provider value={store}>
        <NodeInspector issues={issues} />
      </FlowStoreContext.Provider>
    </QueryClientProvider>,
  );
  return store;
}

const menuData = (store: ReturnType<typeof createFlowStore>) =>
  store.getState().nodes.find((n) => n.id === 'menu')!.data as {
    options: { digit: string }[];
    timeoutSeconds?: number;
  };

describe('the side panel', () => {
  it('edits a menu’s settings as the schema describes them', () => {
    const store = renderInspector('menu');
    const panel = screen.getByRole('region', { name: 'Menu settings' });

    fireEvent.click(within(panel).getByRole('button', { name: 'Add option' }));
    // A new option takes the first digit no other option uses.
    expect(menuData(store).options.map((o) => o.digit)).toEqual(['1', '2', '0']);

    const timeout = within(panel).getByLabelText(/Timeout \(seconds\)/);
    fireEvent.change(timeout, { target: { value: '7' } });
    expect(menuData(store).timeoutSeconds).toBe(7);
    fireEvent.change(timeout, { target: { value: '' } });
    // An optional setting left empty is removed, not saved empty.
    expect(menuData(store)).not.toHaveProperty('timeoutSeconds');

    fireEvent.click(within(panel).getByRole('button', { name: 'Remove option 1' }));
    expect(menuData(store).options.map((o) => o.digit)).toEqual(['2', '0']);
    // The edge from the removed digit went with it.
    expect(store.getState().edges.some((e) => e.sourceHandle === 'digit-1')).toBe(false);
  });

  it('lists the flow’s problems when nothing is selected, and a problem selects its node', () => {
    vi.stubGlobal('fetch', vi.fn());
    const store = createFlowStore(acmeExample());
    store.deleteNodes(['welcome']);
    render(
      <QueryClientProvider client={new QueryClient()}>
        <FlowStoreContext.Provider value={store}>
          <NodeInspector issues={indexIssues(validateFlow(store.document()))} />
        </FlowStoreContext.Provider>
      </QueryClientProvider>,
    );
    const problems = screen.getByRole('list', { name: 'Problems' });
    fireEvent.click(within(problems).getAllByRole('button', { name: /^Menu/ })[0]!);
    expect(
      store
        .getState()
        .nodes.filter((n) => n.selected)
        .map((n) => n.id),
    ).toEqual(['menu']);
  });

  it('tells an unset choice (the default) from an empty one', () => {
    vi.stubGlobal('fetch', vi.fn());
    const store = createFlowStore(acmeExample());
    const id = store.addNode('dtmfInput', { x: 0, y: 0 });
    render(
      <QueryClientProvider client={new QueryClient()}>
        <FlowStoreContext.Provider value={store}>
          <NodeInspector issues={indexIssues([])} />
        </FlowStoreContext.Provider>
      </QueryClientProvider>,
    );
    const data = () => store.getState().nodes.find((n) => n.id === id)!.data;
    const terminator = within(screen.getByRole('region', { name: 'DTMF Input settings' })).getByLabelText('Terminator');
    fireEvent.change(terminator, { target: { value: '' } });
    expect(data().terminator).toBe('');
    fireEvent.change(terminator, { target: { value: '#' } });
    expect(data().terminator).toBe('#');
    fireEvent.change(terminator, { target: { value: '\u0000unset' } });
    expect(data()).not.toHaveProperty('terminator');
  });
});
