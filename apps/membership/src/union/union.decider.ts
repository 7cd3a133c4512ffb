import { isAncestorOrSelf, MemberOccupation, UnionCreated, UnionEvent, UnionKind } from '@ws/contracts';
import { assertNever, checkEventText, Decider, DomainError } from '@ws/kernel';
import { membershipError } from '../membership.errors';

export const UNION_NAME_MAX = 100;

export interface UnionState {
  status: 'none' | 'active' | 'merged' | 'dissolved';
  unionId: string;
  name: string;
  kind: UnionKind;
  parentUnionId: string | null;
  parentNodeCode: string | null;
  nodeCode: string;
  streetCode: string | null;
  occupations: MemberOccupation[];
  mergedInto: string | null;
}

/**
 * What the handler knows of a named parent union: its status when it is a union of this node,
 * `elsewhere` when it belongs to an ancestor node (whose unions this node never sees: events
 * only flow up; the ancestor's read model is where the tree across nodes is whole).
 */
export type ParentStatus = 'active' | 'not_active' | 'elsewhere';

export type UnionCommand =
  | {
      type: 'CreateUnion';
      unionId: string;
      name: string;
      kind: UnionKind;
      parentUnionId: string | null;
      /** The parent's node: this node or an ancestor. */
      parentNodeCode: string | null;
      nodeCode: string;
      streetCode: string | null;
      occupations: MemberOccupation[];
      parentStatus: ParentStatus;
    }
  | { type: 'RenameUnion'; name: string }
  | { type: 'MergeUnion'; intoUnionId: string; intoActive: boolean; membersMoved: number }
  | { type: 'DissolveUnion'; reason: string; activeMembers: number; activeChildUnions: number };

const initialState = (): UnionState => ({
  status: 'none',
  unionId: '',
  name: '',
  kind: 'joint',
  parentUnionId: null,
  parentNodeCode: null,
  nodeCode: '',
  streetCode: null,
  occupations: [],
  mergedInto: null,
});

function requireActive(state: UnionState): DomainError | undefined {
  if (state.status === 'none') return membershipError('union_not_found', '工会不存在');
  if (state.status !== 'active') return membershipError('union_not_active', `工会已${state.status === 'merged' ? '合并' : '撤销'}`);
  return undefined;
}

/** A parent is a union of this node that is active, or a union of an ancestor node; never one below or beside. */
function checkParent(command: Extract<UnionCommand, { type: 'CreateUnion' }>): DomainError | undefined {
  if (command.parentUnionId === null) return undefined;
  const parentNode = command.parentNodeCode ?? command.nodeCode;
  if (!isAncestorOrSelf(parentNode, command.nodeCode)) {
    return membershipError('union_parent_not_above', '上级工会须属于本节点或上级节点', 'parentNodeCode');
  }
  if (parentNode === command.nodeCode && command.parentStatus !== 'active') {
    return membershipError('union_not_found', '上级工会不存在或已撤销（上级节点的工会请注明 parentNodeCode）', 'parentUnionId');
  }
  return undefined;
}

function decide(command: UnionCommand, state: UnionState): UnionEvent[] | DomainError {
  switch (command.type) {
    case 'CreateUnion': {
      if (state.status !== 'none') return membershipError('union_already_exists', '工会已存在', 'unionId');
      const name = checkEventText(command.name, 'name', { max: UNION_NAME_MAX, label: '工会名称' });
      if (name instanceof DomainError) return name;
      const parent = checkParent(command);
      if (parent) return parent;
      if (command.kind === 'street' && command.streetCode === null) {
        return membershipError('street_code_required', '街道（乡镇）工会须注明所在街道', 'streetCode');
      }
      return [
        {
          type: 'UnionCreated',
          data: {
            unionId: command.unionId,
            name,
            kind: command.kind,
            parentUnionId: command.parentUnionId,
            parentNodeCode: command.parentUnionId === null ? null : command.parentNodeCode ?? command.nodeCode,
            nodeCode: command.nodeCode,
            streetCode: command.streetCode,
            occupations: [...new Set(command.occupations)],
          },
        },
      ];
    }
    case 'RenameUnion': {
      const refused = requireActive(state);
      if (refused) return refused;
      const name = checkEventText(command.name, 'name', { max: UNION_NAME_MAX, label: '工会名称' });
      if (name instanceof DomainError) return name;
      if (name === state.name) return [];
      return [{ type: 'UnionRenamed', data: { unionId: state.unionId, name } }];
    }
    case 'MergeUnion': {
      const refused = requireActive(state);
      if (refused) return refused;
      if (command.intoUnionId === state.unionId) return membershipError('union_merge_into_self', '不能合并到自身', 'intoUnionId');
      if (!command.intoActive) return membershipError('union_merge_target_inactive', '合并目标工会不存在或已撤销', 'intoUnionId');
      return [{ type: 'UnionMerged', data: { unionId: state.unionId, intoUnionId: command.intoUnionId, membersMoved: command.membersMoved } }];
    }
    case 'DissolveUnion': {
      const refused = requireActive(state);
      if (refused) return refused;
      if (command.activeMembers > 0) {
        return membershipError('union_has_members', `工会还有 ${command.activeMembers} 名会员，请先转出`, undefined, { activeMembers: command.activeMembers });
      }
      if (command.activeChildUnions > 0) {
        return membershipError('union_has_child_unions', `工会还有 ${command.activeChildUnions} 个下级工会`, undefined, {
          activeChildUnions: command.activeChildUnions,
        });
      }
      const reason = checkEventText(command.reason, 'reason', { max: 200, label: '撤销原因' });
      if (reason instanceof DomainError) return reason;
      return [{ type: 'UnionDissolved', data: { unionId: state.unionId, reason } }];
    }
    default:
      return assertNever(command, 'union command');
  }
}

function evolve(state: UnionState, event: UnionEvent): UnionState {
  switch (event.type) {
    case 'UnionCreated':
      // Schema 1 had no parentNodeCode: its parents were always of the same node.
      return { ...state, ...event.data, parentNodeCode: parentNodeOf(event.data), status: 'active' };
    case 'UnionRenamed':
      return { ...state, name: event.data.name };
    case 'UnionMerged':
      return { ...state, status: 'merged', mergedInto: event.data.intoUnionId };
    case 'UnionDissolved':
      return { ...state, status: 'dissolved' };
    default:
      return assertNever(event, 'union event');
  }
}

/** The parent's node of a UnionCreated of either schema. */
export function parentNodeOf(data: UnionCreated['data']): string | null {
  return data.parentNodeCode ?? (data.parentUnionId === null ? null : data.nodeCode);
}

export const unionDecider: Decider<UnionCommand, UnionEvent, UnionState> = { decide, evolve, initialState };
