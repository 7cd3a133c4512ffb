import type { DirectiveReceiptEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { directiveReceiptDecider } from './directive-receipt.decider';

const receipt = () => spec(directiveReceiptDecider);
const ID = '01935f3a-7c00-7000-8000-000000000002';
const received: DirectiveReceiptEvent = { type: 'DirectiveReceived', data: { directiveId: ID, issuerNode: '3308', nodeCode: '330802' } };
const acknowledged: DirectiveReceiptEvent = { type: 'DirectiveAcknowledged', data: { directiveId: ID, issuerNode: '3308', nodeCode: '330802' } };
const acknowledge = (withdrawn = false) => ({ type: 'AcknowledgeDirective' as const, directiveId: ID, nodeCode: '330802', withdrawn });

describe('Directive receipt decider', () => {
  it('records a directive received once; receiving it again is no change', () => {
    receipt().given([]).when({ type: 'ReceiveDirective', directiveId: ID, issuerNode: '3308', nodeCode: '330802' }).then([received]);
    receipt().given([received]).when({ type: 'ReceiveDirective', directiveId: ID, issuerNode: '3308', nodeCode: '330802' }).thenNothing();
  });

  it('acknowledges a received directive, naming its issuer; twice is no change', () => {
    receipt().given([received]).when(acknowledge()).then([acknowledged]);
    receipt().given([received, acknowledged]).when(acknowledge()).thenNothing();
  });

  it('refuses acknowledging a directive never received here, or one the issuer withdrew', () => {
    receipt().given([]).when(acknowledge()).thenError('directive_not_received');
    receipt().given([received]).when(acknowledge(true)).thenError('directive_withdrawn');
  });
});
