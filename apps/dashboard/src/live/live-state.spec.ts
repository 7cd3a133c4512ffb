import { eventSubject, nodeFromCode } from '@ws/contracts';
import { LiveState } from './live-state';
import { observeMessage } from './observed-event';

const province = nodeFromCode('33');
const city = nodeFromCode('3308');
const kecheng = nodeFromCode('330802');
const jiashan = nodeFromCode('330421');
// 2026-06-01 10:00 in Asia/Shanghai.
const NOW = new Date('2026-06-01T02:00:00.000Z');

let seq = 0;
function visits(at: string[], node = kecheng, occupation = 'rider') {
  seq += 1;
  const subject = eventSubject(node, 'stations', 'checkins', `s${seq}`, 'VisitsRecorded');
  const body = { eventId: `e${seq}`, type: 'VisitsRecorded', occurredAt: at[0], data: { stationId: 'st', visits: at.map((t) => ({ at: t, occupation })) } };
  return observeMessage(seq, subject, Buffer.from(JSON.stringify(body)), () => undefined, NOW);
}
function other(type: string, node = kecheng, context = 'stations') {
  seq += 1;
  return observeMessage(seq, eventSubject(node, context, 'station', `a${seq}`, type), Buffer.from('{}'), () => undefined, NOW);
}

describe('LiveState', () => {
  it('counts only the visits of the Shanghai day, bucketed by hour and occupation', () => {
    const state = new LiveState(kecheng);
    state.apply(visits(['2026-06-01T01:10:00.000Z', '2026-06-01T01:20:00.000Z']));
    state.apply(visits(['2026-05-31T15:30:00.000Z'], kecheng, 'courier')); // 23:30 on 31 May in Shanghai
    state.apply(visits(['2026-05-31T16:05:00.000Z'], kecheng, 'courier')); // 00:05 on 1 June
    const snapshot = state.snapshot(NOW);
    expect(snapshot.day).toBe('2026-06-01');
    expect(snapshot.todayVisits).toBe(3);
    expect(snapshot.visitsByHour[9]).toBe(2);
    expect(snapshot.visitsByHour[0]).toBe(1);
    expect(snapshot.visitsByOccupation).toEqual([
      { key: 'rider', visits: 2 },
      { key: 'courier', visits: 1 },
    ]);
  });

  it('breaks a province down by city and keeps its own events under its own code', () => {
    const state = new LiveState(province);
    state.apply(visits(['2026-06-01T01:00:00.000Z'], kecheng));
    state.apply(visits(['2026-06-01T01:00:00.000Z', '2026-06-01T01:01:00.000Z'], jiashan));
    state.apply(other('DirectiveIssued', province, 'directives'));
    const children = state.snapshot(NOW).children;
    expect(children).toEqual([
      { code: '3304', name: '嘉兴市', events: 1, visits: 2 },
      { code: '3308', name: '衢州市', events: 1, visits: 1 },
      { code: '33', name: '本级', events: 1, visits: 0 },
    ]);
  });

  it('breaks a city down by district', () => {
    const state = new LiveState(city);
    state.apply(visits(['2026-06-01T01:00:00.000Z'], kecheng));
    expect(state.snapshot(NOW).children.map((c) => [c.code, c.name])).toEqual([['330802', '柯城区']]);
  });

  it('keeps the latest events newest first, labelled in Chinese, up to the feed size', () => {
    const state = new LiveState(kecheng, 2);
    state.apply(other('StationRegistered'));
    state.apply(visits(['2026-06-01T01:00:00.000Z', '2026-06-01T01:00:01.000Z']));
    state.apply(other('SomethingNew', kecheng, 'wishes'));
    const latest = state.snapshot(NOW).latest;
    expect(latest.map((e) => [e.label, e.contextLabel, e.nodeName])).toEqual([
      ['SomethingNew', '心愿', '柯城区'],
      ['打卡到访', '驿站', '柯城区'],
    ]);
    expect(latest[1]!.visits).toBe(2);
  });

  it('ignores a message it has already applied (redelivery after a reconnect)', () => {
    const state = new LiveState(kecheng);
    const event = visits(['2026-06-01T01:00:00.000Z']);
    state.apply(event);
    state.apply(event);
    expect(state.snapshot(NOW).todayVisits).toBe(1);
    expect(state.position).toBe(event.seq);
  });

  it('starts a new day at Shanghai midnight', () => {
    const state = new LiveState(kecheng);
    state.apply(visits(['2026-06-01T01:00:00.000Z']));
    const nextDay = state.snapshot(new Date('2026-06-01T16:00:00.000Z'));
    expect(nextDay.day).toBe('2026-06-02');
    expect(nextDay.todayVisits).toBe(0);
  });

  it('counts an event whose body is not an envelope, by its subject', () => {
    const state = new LiveState(kecheng);
    seq += 1;
    state.apply(observeMessage(seq, eventSubject(kecheng, 'stations', 'station', 'x1', 'StationClosed'), Buffer.from('not json'), () => undefined, NOW));
    const snapshot = state.snapshot(NOW);
    expect(snapshot.todayEvents).toBe(1);
    expect(snapshot.latest[0]!.label).toBe('驿站关闭');
  });
});
