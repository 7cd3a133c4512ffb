import { spec } from '@ws/testing';
import { nodeStandardDecider } from './adopt-standard.command';

const node = () => spec(nodeStandardDecider);

describe('AdoptStandard', () => {
  it('adopts a first standard for the node', () => {
    node()
      .given([])
      .when({ type: 'AdoptStandard', nodeCode: '330700', standard: 'ba_you' })
      .then([{ type: 'StandardAdopted', data: { nodeCode: '330700', standard: 'ba_you', previousStandard: null } }]);
  });

  it('replaces the standard in force and names the previous one', () => {
    node()
      .given([{ type: 'StandardAdopted', data: { nodeCode: '330400', standard: 'liu_you', previousStandard: null } }])
      .when({ type: 'AdoptStandard', nodeCode: '330400', standard: 'six_plus_x' })
      .then([{ type: 'StandardAdopted', data: { nodeCode: '330400', standard: 'six_plus_x', previousStandard: 'liu_you' } }]);
  });

  it('decides nothing for the standard already in force, and refuses an unknown one', () => {
    node()
      .given([{ type: 'StandardAdopted', data: { nodeCode: '330400', standard: 'liu_you', previousStandard: null } }])
      .when({ type: 'AdoptStandard', nodeCode: '330400', standard: 'liu_you' })
      .thenNothing();
    node().given([]).when({ type: 'AdoptStandard', nodeCode: '330400', standard: 'platinum' as never }).thenError('unknown_standard', 'standard');
  });
});
