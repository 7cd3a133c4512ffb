import { isStandardCode, type StandardAdopted, type StandardCode } from '@ws/contracts';
import type { Decider } from '@ws/kernel';
import { stationsError } from '../../errors';

/**
 * A node (province, city or district union) adopts the facility standard its stations are measured
 * against, e.g. 金华's "全部符合八有标准". Stream `node-standard-<node code>`; adopting the standard
 * already in force is no change.
 */
export interface AdoptStandard {
  type: 'AdoptStandard';
  nodeCode: string;
  standard: StandardCode;
}

export interface NodeStandardState {
  standard: StandardCode | null;
}

export const nodeStandardDecider: Decider<AdoptStandard, StandardAdopted, NodeStandardState> = {
  initialState: () => ({ standard: null }),
  evolve: (_state, event) => ({ standard: event.data.standard }),
  decide(command, state) {
    if (!isStandardCode(command.standard)) return stationsError('unknown_standard', `未知建设标准：${command.standard}`, 'standard');
    if (state.standard === command.standard) return [];
    return [{ type: 'StandardAdopted', data: { nodeCode: command.nodeCode, standard: command.standard, previousStandard: state.standard } }];
  },
};
