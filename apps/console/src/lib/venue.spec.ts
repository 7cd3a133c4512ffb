import { fenOf, venueBody } from './venue';

describe('a welfare or programme record’s place and money as the stations service takes them', () => {
  const officer = (more: object) => ({ subject: 's', role: 'street_officer' as const, node: '330802', ...more });

  it('sends the manager’s own station, else the station chosen, else the street', () => {
    expect(venueBody({ streetCode: '330802001', stationId: 'x' }, officer({ role: 'station_manager', station: 'own' }))).toEqual({ stationId: 'own', streetCode: null });
    expect(venueBody({ streetCode: '330802001', stationId: 'chosen' }, officer({}))).toEqual({ stationId: 'chosen', streetCode: null });
    expect(venueBody({ streetCode: '330802001', stationId: '' }, officer({}))).toEqual({ stationId: null, streetCode: '330802001' });
  });

  it('turns 元 typed with decimals into whole fen, never a float', () => {
    expect(fenOf(19.99)).toBe(1999);
    expect(fenOf(0.1 + 0.2)).toBe(30);
    expect(fenOf(undefined)).toBe(0);
  });
});
