import type { WelfareEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import type { HandOut } from './hand-out/hand-out.command';
import type { ReceiveStock } from './receive-stock/receive-stock.command';
import { type WelfareCommand, welfareDecider } from './welfare.decider';

// The spec's clock: 2026-06-01 10:00 in Shanghai.
const STATION = '0196f000-0000-7000-8000-000000005001';
const RECEIPT = '0196f000-0000-7000-8000-00000000b001';
const HANDOUT = '0196f000-0000-7000-8000-00000000c001';
const welfare = () => spec<WelfareCommand, WelfareEvent, ReturnType<typeof welfareDecider.initialState>>(welfareDecider);
const openStation = { status: 'active' as const, streetCode: '330502001', services: [] };

const receive = (overrides: Partial<ReceiveStock> = {}): ReceiveStock => ({
  type: 'ReceiveStock', receiptId: RECEIPT, nodeCode: '330502', stationId: STATION, streetCode: null, station: openStation,
  kind: 'cool_pack', quantity: 200, costFen: 1_000_000, receivedOn: '2026-05-30', source: ' 吴兴区总工会采购 ', ...overrides,
});
const received = (quantity = 200): WelfareEvent => ({
  type: 'WelfareStockReceived',
  data: { receiptId: RECEIPT, stationId: STATION, streetCode: '330502001', kind: 'cool_pack', quantity, costFen: 1_000_000, receivedOn: '2026-05-30', source: '吴兴区总工会采购' },
});
const handOut = (overrides: Partial<HandOut> = {}): HandOut => ({
  type: 'HandOut', handoutId: HANDOUT, nodeCode: '330502', stationId: STATION, streetCode: null, station: openStation, occasion: 'summer_cool',
  kind: 'cool_pack', quantity: 150, peopleReached: 150, newFormPeople: 120, occupations: [{ occupation: 'rider', people: 100 }, { occupation: 'courier', people: 20 }],
  costFen: 750_000, fromStock: true, handedOn: '2026-06-01', membersReached: 0, ...overrides,
});
const handedOut = (overrides: Partial<Extract<WelfareEvent, { type: 'WelfareHandedOut' }>['data']> = {}): WelfareEvent => ({
  type: 'WelfareHandedOut',
  data: {
    handoutId: HANDOUT, stationId: STATION, streetCode: '330502001', occasion: 'summer_cool', kind: 'cool_pack', quantity: 150, peopleReached: 150,
    newFormPeople: 120, occupations: [{ occupation: 'rider', people: 100 }, { occupation: 'courier', people: 20 }], costFen: 750_000, fromStock: true,
    handedOn: '2026-06-01', membersReached: 0, ...overrides,
  },
});

describe('ReceiveStock', () => {
  it('receives stock at an open station, in the station street', () => {
    welfare().given([]).when(receive()).then([received()]);
  });

  it('refuses a closed station, a street outside the node, a quantity of none, money as a float, and a day after today', () => {
    welfare().given([]).when(receive({ station: { ...openStation, status: 'closed' } })).thenError('welfare_station_closed', 'stationId');
    welfare().given([]).when(receive({ stationId: null, station: null, streetCode: '330802001' })).thenError('invalid_street_code', 'streetCode');
    welfare().given([]).when(receive({ quantity: 0 })).thenError('invalid_quantity', 'quantity');
    welfare().given([]).when(receive({ costFen: 12.5 })).thenError('invalid_amount', 'costFen');
    welfare().given([]).when(receive({ receivedOn: '2026-06-02' })).thenError('welfare_date_in_future', 'receivedOn');
    welfare().given([]).when(receive({ kind: 'mooncake' as never })).thenError('unknown_welfare_kind', 'kind');
  });
});

describe('HandOut', () => {
  it('hands out from stock what was received, and no more: the stock never goes negative', () => {
    welfare().given([received()]).when(handOut()).then([handedOut()]);
    welfare().given([received(), handedOut()]).when(handOut({ quantity: 51, peopleReached: 51, newFormPeople: 0, occupations: [] })).thenError('welfare_stock_insufficient', 'quantity');
    welfare().given([received(), handedOut()]).when(handOut({ quantity: 50, peopleReached: 50, newFormPeople: 0, occupations: [] }))
      .then([handedOut({ quantity: 50, peopleReached: 50, newFormPeople: 0, occupations: [] })]);
    welfare().given([]).when(handOut({ kind: 'warm_pack' })).thenError('welfare_stock_insufficient', 'quantity');
  });

  it('counts the member cards shown among the people reached, never a card; not more cards than people', () => {
    welfare().given([received()]).when(handOut({ membersReached: 30 })).then([handedOut({ membersReached: 30 })]);
    welfare().given([received()]).when(handOut({ membersReached: 151 })).thenError('invalid_member_cards', 'memberCards');
  });

  it('folds the handouts recorded before cards were counted (schema 1, no membersReached) into the stock as before', () => {
    const { membersReached: _none, ...schemaOne } = (handedOut() as Extract<WelfareEvent, { type: 'WelfareHandedOut' }>).data;
    welfare().given([received(), { type: 'WelfareHandedOut', data: schemaOne }]).when(handOut({ quantity: 51, peopleReached: 51, newFormPeople: 0, occupations: [] })).thenError('welfare_stock_insufficient', 'quantity');
  });

  it('hands out what is not kept in stock (饺子 made on the day), in a street without a station', () => {
    welfare()
      .given([])
      .when(handOut({ stationId: null, station: null, streetCode: '330502003', occasion: 'festival', kind: 'meal', quantity: 600, peopleReached: 300, newFormPeople: 200, occupations: [], fromStock: false }))
      .then([handedOut({ stationId: null, streetCode: '330502003', occasion: 'festival', kind: 'meal', quantity: 600, peopleReached: 300, newFormPeople: 200, occupations: [], fromStock: false })]);
  });

  it('counts people without names: occupations once each and not more than the people reached', () => {
    welfare().given([received()]).when(handOut({ newFormPeople: 151 })).thenError('new_form_exceeds_participants', 'newFormPeople');
    welfare().given([received()]).when(handOut({ occupations: [{ occupation: 'rider', people: 100 }, { occupation: 'rider', people: 1 }] })).thenError('invalid_occupations', 'occupations');
    welfare().given([received()]).when(handOut({ occupations: [{ occupation: 'rider', people: 151 }] })).thenError('invalid_occupations', 'occupations');
    welfare().given([received()]).when(handOut({ occupations: [{ occupation: 'astronaut' as never, people: 1 }] })).thenError('unknown_occupation', 'occupations');
    welfare().given([received()]).when(handOut({ occasion: 'birthday' as never })).thenError('unknown_welfare_occasion', 'occasion');
    welfare().given([received()]).when(handOut({ peopleReached: 0 })).thenError('invalid_quantity', 'peopleReached');
    welfare().given([received()]).when(handOut({ costFen: -1 })).thenError('invalid_amount', 'costFen');
  });
});
