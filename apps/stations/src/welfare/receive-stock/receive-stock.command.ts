import type { WelfareEvent, WelfareKind } from '@ws/contracts';
import { isWelfareKind } from '@ws/contracts';
import type { DecideContext, DomainError } from '@ws/kernel';
import { stationsError } from '../../errors';
import { checkText, NAME_MAX } from '../../station/station.rules';
import { checkVenue, type VenueRequest } from '../../station/venue';
import { checkFen, checkPastDay, checkQuantity, WELFARE_QUANTITY_MAX } from '../welfare.rules';
import type { WelfareState } from '../welfare.state';

export interface ReceiveStock extends VenueRequest {
  type: 'ReceiveStock';
  receiptId: string;
  kind: WelfareKind;
  quantity: number;
  costFen: number;
  receivedOn: string;
  /** Where it came from: 区总工会采购, a donor (中国铁塔、爱心企业…); never a person. */
  source: string;
}

/** Stock received (入库) at a station or a street that is open. */
export function decideReceiveStock(command: ReceiveStock, _state: WelfareState, context: DecideContext): WelfareEvent[] | DomainError {
  const venue = checkVenue(command, { code: 'welfare_station_closed', message: '驿站已关闭，不能登记关爱物资' });
  if ('code' in venue) return venue;
  const refusal =
    (isWelfareKind(command.kind) ? null : stationsError('unknown_welfare_kind', `未知物资类型：${String(command.kind)}`, 'kind')) ??
    checkQuantity(command.quantity, 'quantity', WELFARE_QUANTITY_MAX) ??
    checkFen(command.costFen, 'costFen') ??
    checkPastDay(command.receivedOn, 'receivedOn', context.now) ??
    checkText(command.source, 'source', NAME_MAX);
  if (refusal) return refusal;
  const { receiptId, stationId, kind, quantity, costFen, receivedOn } = command;
  return [{ type: 'WelfareStockReceived', data: { receiptId, stationId, streetCode: venue.streetCode, kind, quantity, costFen, receivedOn, source: command.source.trim() } }];
}
