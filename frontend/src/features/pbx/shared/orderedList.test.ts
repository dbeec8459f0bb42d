import { describe, expect, it } from 'vitest';
import { moveItem, orderAfterMove, orderAfterRemove, reindexErrors, removeAt, replaceAt } from './orderedList';

describe('moveItem', () => {
  it('moves an item up and down by one place', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });

  it('leaves the list unchanged when the move would leave it', () => {
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 5, -1)).toEqual(['a', 'b']);
  });

  it('returns a new array and never changes the input', () => {
    const input = ['a', 'b'];
    const output = moveItem(input, 0, 1);
    expect(output).not.toBe(input);
    expect(input).toEqual(['a', 'b']);
  });
});

describe('removeAt and replaceAt', () => {
  it('removes exactly one item', () => {
    expect(removeAt(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });

  it('replaces exactly one item', () => {
    expect(replaceAt(['a', 'b', 'c'], 1, 'x')).toEqual(['a', 'x', 'c']);
  });
});

describe('reindexErrors', () => {
  const errors = {
    name: ['is required'],
    'members[0].penalty': ['must be 0 or more'],
    'members[2].extensionId': ['does not exist'],
  };

  it('follows the rows when one moves', () => {
    const moved = reindexErrors(errors, 'members', orderAfterMove(3, 2, -1));
    expect(moved).toEqual({
      name: ['is required'],
      'members[0].penalty': ['must be 0 or more'],
      'members[1].extensionId': ['does not exist'],
    });
  });

  it('drops the messages of a removed row and shifts the ones after it', () => {
    const removed = reindexErrors(errors, 'members', orderAfterRemove(3, 0));
    expect(removed).toEqual({ name: ['is required'], 'members[1].extensionId': ['does not exist'] });
  });

  it('does not touch other lists whose name starts the same way', () => {
    const other = { 'membersExtra[0]': ['x'] };
    expect(reindexErrors(other, 'members', orderAfterRemove(1, 0))).toEqual(other);
  });
});
