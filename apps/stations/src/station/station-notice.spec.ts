import type { StationEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import type { PublishNotice } from './publish-notice/publish-notice.command';
import { stationDecider } from './station.decider';
import { closed, registered, STATION_ID } from './station.fixtures';

const station = () => spec(stationDecider);
const REF = '01970a3c-5d2e-7c41-9f3a-6b8e2d4c1a09';

const publish = (overrides: Partial<PublishNotice> = {}): PublishNotice => ({
  type: 'PublishNotice', stationId: STATION_ID, pledge: ' 热情接待、免费开放、文明使用 ', services: '休息、饮水、热饭、充电', hours: '全天24小时开放',
  managerNameRef: REF, hotline: '0576 8866 1234', partners: [{ kind: 'traffic_police', name: ' 椒江交警大队 ' }, { kind: 'platform_company', name: '美团' }], ...overrides,
});
const published = (overrides: Record<string, unknown> = {}): StationEvent => ({
  type: 'StationNoticePublished',
  data: {
    stationId: STATION_ID, pledge: '热情接待、免费开放、文明使用', services: '休息、饮水、热饭、充电', hours: '全天24小时开放', managerNameRef: REF,
    hotline: '057688661234', partners: [{ kind: 'traffic_police', name: '椒江交警大队' }, { kind: 'platform_company', name: '美团' }], ...overrides,
  },
});

describe('PublishNotice (公示)', () => {
  it('publishes the pledge, services, hours, the manager by vault reference, the hotline and the partners stationed', () => {
    station().given([registered()]).when(publish()).then([published()]);
  });

  it('decides nothing for the same notice again, and publishes a changed one', () => {
    station().given([registered(), published()]).when(publish()).thenNothing();
    station().given([registered(), published()]).when(publish({ hotline: '12351' })).then([published({ hotline: '12351' })]);
  });

  it('takes a landline, a 400/800 number or 12351 as the hotline, never a personal mobile', () => {
    for (const hotline of ['0571-87654321', '400-810-5678', '8008205678', '12351', '0576-8866123-801']) station().given([registered()]).when(publish({ hotline })).then([published({ hotline: hotline.replace(/\s/g, '') })]);
    station().given([registered()]).when(publish({ hotline: '13812345678' })).thenError('hotline_is_mobile', 'hotline');
    station().given([registered()]).when(publish({ hotline: '+8613812345678' })).thenError('hotline_is_mobile', 'hotline');
    station().given([registered()]).when(publish({ hotline: '110' })).thenError('invalid_hotline', 'hotline');
  });

  it('refuses an empty pledge, an unknown or repeated partner, and a closed station', () => {
    station().given([registered()]).when(publish({ pledge: ' ' })).thenError('invalid_text', 'pledge');
    station().given([registered()]).when(publish({ partners: [{ kind: 'circus' as never, name: '马戏团' }] })).thenError('invalid_partners', 'partners');
    station().given([registered()]).when(publish({ partners: [{ kind: 'police', name: '派出所' }, { kind: 'police', name: ' 派出所' }] })).thenError('invalid_partners', 'partners');
    station().given([registered(), closed]).when(publish()).thenError('station_closed');
  });
});

describe('ClassifyStation (旗舰型/标准型)', () => {
  it('classes a station, reclasses it with the previous class, and decides nothing for the same class', () => {
    const flagship: StationEvent = { type: 'StationClassified', data: { stationId: STATION_ID, stationClass: 'flagship', previousClass: null } };
    station().given([registered()]).when({ type: 'ClassifyStation', stationId: STATION_ID, stationClass: 'flagship' }).then([flagship]);
    station().given([registered(), flagship]).when({ type: 'ClassifyStation', stationId: STATION_ID, stationClass: 'flagship' }).thenNothing();
    station().given([registered(), flagship]).when({ type: 'ClassifyStation', stationId: STATION_ID, stationClass: 'standard' })
      .then([{ type: 'StationClassified', data: { stationId: STATION_ID, stationClass: 'standard', previousClass: 'flagship' } }]);
    station().given([registered()]).when({ type: 'ClassifyStation', stationId: STATION_ID, stationClass: 'mega' as never }).thenError('unknown_station_class', 'stationClass');
  });
});
