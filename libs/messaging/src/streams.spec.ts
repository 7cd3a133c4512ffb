import { nodeRef } from '@ws/contracts';
import { ancestorDirectiveFilter, ownDirectiveFilter } from './streams';

describe('directive filters', () => {
  it('a node issues directives on its own tokens', () => {
    expect(ownDirectiveFilter(nodeRef('3308'))).toBe('dir.33.3308._.>');
    expect(ownDirectiveFilter(nodeRef('330802'))).toBe('dir.33.3308.330802.>');
  });

  it('a node accepts from its parent the directives of its ancestors only', () => {
    expect(ancestorDirectiveFilter(nodeRef('330802'))).toBe('dir.33.*._.>');
    expect(ancestorDirectiveFilter(nodeRef('3308'))).toBe('dir.33._._.>');
    expect(ancestorDirectiveFilter(nodeRef('33'))).toBeUndefined();
  });
});
