import type { OccupationCount, WelfareEvent, WelfareKind, WelfareOccasion } from '@ws/contracts';
import { isWelfareKind, isWelfareOccasion, WELFARE_KIND_LABELS } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import { checkVenue, type VenueRequest } from '../../station/venue';
import { checkFen, checkOccupations, checkPastDay, checkQuantity, PEOPLE_REACHED_MAX, WELFARE_QUANTITY_MAX } from '../welfare.rules';
import type { WelfareState } from '../welfare.state';

export interface HandOut extends VenueRequest {
  type: 'HandOut';
  handoutId: string;
  occasion: WelfareOccasion;
  kind: WelfareKind;
  quantity: number;
  peopleReached: number;
  newFormPeople: number;
  occupations: OccupationCount[];
  costFen: number;
  fromStock: boolean;
  handedOn: string;
  /** How many of the people reached showed a member card (the cards themselves go to the vault, never here). */
  membersReached: number;
}

/** A handout (发放) on one occasion; drawn from stock it may not take more than is there. */
export function decideHandOut(command: HandOut, state: WelfareState, context: DecideContext): WelfareEvent[] | DomainError {
  const venue = checkVenue(command, { code: 'welfare_station_closed', message: '驿站已关闭，不能登记关爱物资' });
  if ('code' in venue) return venue;
  const refusal =
    (isWelfareOccasion(command.occasion) ? null : stationsError('unknown_welfare_occasion', `未知慰问类型：${String(command.occasion)}`, 'occasion')) ??
    (isWelfareKind(command.kind) ? null : stationsError('unknown_welfare_kind', `未知物资类型：${String(command.kind)}`, 'kind')) ??
    checkQuantity(command.quantity, 'quantity', WELFARE_QUANTITY_MAX) ??
    checkQuantity(command.peopleReached, 'peopleReached', PEOPLE_REACHED_MAX) ??
    (Number.isInteger(command.newFormPeople) && command.newFormPeople >= 0 && command.newFormPeople <= command.peopleReached
      ? null
      : stationsError('new_form_exceeds_participants', '新就业形态劳动者人数应为不多于受惠人数的非负整数', 'newFormPeople')) ??
    checkOccupations(command.occupations, command.peopleReached) ??
    (command.membersReached <= command.peopleReached
      ? null
      : stationsError('invalid_member_cards', `登记的会员卡 ${command.membersReached} 张，多于受惠人数 ${command.peopleReached}`, 'memberCards')) ??
    checkFen(command.costFen, 'costFen') ??
    checkPastDay(command.handedOn, 'handedOn', context.now) ??
    checkStock(command, state);
  if (refusal) return refusal;
  const { handoutId, stationId, occasion, kind, quantity, peopleReached, newFormPeople, costFen, fromStock, handedOn, membersReached } = command;
  const occupations = command.occupations.map(({ occupation, people }) => ({ occupation, people }));
  return [
    {
      type: 'WelfareHandedOut',
      data: {
        handoutId, stationId, streetCode: venue.streetCode, occasion, kind, quantity, peopleReached, newFormPeople, occupations, costFen, fromStock, handedOn,
        membersReached,
      },
    },
  ];
}

/** Stock never goes negative: a handout from stock takes at most what was received and not yet handed out. */
function checkStock(command: HandOut, state: WelfareState) {
  if (!command.fromStock) return null;
  const inStock = state.stock[command.kind] ?? 0;
  return command.quantity > inStock
    ? stationsError('welfare_stock_insufficient', `${WELFARE_KIND_LABELS[command.kind]}库存 ${inStock}，不够发放 ${command.quantity}`, 'quantity', { kind: command.kind, inStock })
    : null;
}
