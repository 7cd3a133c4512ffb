import { HEADERS, nodeRef, parseEventSubject } from '@ws/contracts';
import { eventHeaders, prepareEvents } from './envelopes';

const node = nodeRef('330802', '柯城区');
const target = { context: 'stations', aggregate: 'station', aggregateId: '0190a0b0-0000-7000-8000-000000000001' };
const ids = ['0190a0b0-0000-7000-8000-0000000000a1', '0190a0b0-0000-7000-8000-0000000000a2'];
const at = new Date('2026-11-23T08:00:00.000Z');

describe('prepareEvents', () => {
  const events = [
    { type: 'StationRegistered', data: { name: 'x' } },
    { type: 'StationOpened', data: {}, schema: 3 },
  ];

  it('numbers versions after the expected one and defaults correlation and causation to the first event', () => {
    const [first, second] = prepareEvents({ node, target, events, versionBefore: 4, eventIds: ids, occurredAt: at, meta: { actor: 'u1' } });
    expect(first!.envelope).toEqual({
      eventId: ids[0],
      type: 'StationRegistered',
      schema: 1,
      streamId: `station-${target.aggregateId}`,
      streamVersion: 5,
      occurredAt: '2026-11-23T08:00:00.000Z',
      data: { name: 'x' },
      metadata: { correlationId: ids[0], causationId: ids[0], node: '330802', actor: 'u1' },
    });
    expect(second!.envelope.streamVersion).toBe(6);
    expect(second!.envelope.schema).toBe(3);
    expect(second!.envelope.metadata.causationId).toBe(ids[0]);
  });

  it('keeps given correlation and causation, leaves actor out when absent, and serialises the envelope as payload', () => {
    const [prepared] = prepareEvents({
      node, target, events: [events[0]!], versionBefore: null, eventIds: [ids[1]!], occurredAt: at,
      meta: { correlationId: 'c-1', causationId: 'k-1' },
    });
    expect(prepared!.envelope.streamVersion).toBeNull();
    expect(prepared!.envelope.metadata).toEqual({ correlationId: 'c-1', causationId: 'k-1', node: '330802' });
    expect(JSON.parse(prepared!.payload)).toEqual(prepared!.envelope);
  });

  it('addresses the event subject of its node, context, aggregate, id and type', () => {
    const [prepared] = prepareEvents({ node, target, events: [events[1]!], versionBefore: 0, eventIds: [ids[0]!], occurredAt: at });
    expect(parseEventSubject(prepared!.subject)).toEqual({
      province: '33', city: '3308', district: '330802', context: 'stations', aggregate: 'station', id: target.aggregateId, type: 'StationOpened',
    });
  });
});

describe('eventHeaders', () => {
  const envelope = {
    eventId: ids[0]!, type: 'VisitsRecorded', schema: 2, streamId: 's-1', streamVersion: 7, occurredAt: at.toISOString(), data: {},
    metadata: { correlationId: 'corr', causationId: 'cause', node: '330802' },
  };

  it('carries every header of the contract, with the event id as Nats-Msg-Id', () => {
    const headers = eventHeaders(envelope);
    expect(Object.keys(headers).sort()).toEqual(Object.values(HEADERS).sort());
    expect(headers).toEqual({
      'Nats-Msg-Id': ids[0], 'ws-type': 'VisitsRecorded', 'ws-schema': '2', 'ws-occurred-at': '2026-11-23T08:00:00.000Z',
      'ws-stream-version': '7', 'ws-correlation-id': 'corr', 'ws-causation-id': 'cause',
    });
  });

  it('sends an empty stream version for unversioned facts and never a Nats-Expected header', () => {
    const headers = eventHeaders({ ...envelope, streamVersion: null });
    expect(headers['ws-stream-version']).toBe('');
    expect(Object.keys(headers).filter((k) => k.startsWith('Nats-Expected'))).toEqual([]);
  });
});
