import { jetstream, JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { nodeRef } from '@ws/contracts';
import { NATS_URL, testNodeCode } from '@ws/testing';
import { connectNats } from './connection';
import { JetStreamPublisher } from './publisher';
import { DIR_MAX_BYTES, ensureNodeStreams, EVT_MAX_BYTES_BY_LEVEL, EVT_MAX_MESSAGE_BYTES, evtMaxBytesFor } from './streams';
import { sampleMessages } from './testing/sample-events';
import { NatsProcess, startNatsServer } from '@ws/testing/service-process';

describe('ensureNodeStreams', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const node = nodeRef(testNodeCode());
  const names = { evt: `EVT_${node.code}`, dir: `DIR_${node.code}` };
  const parentCode = node.code.slice(0, 4);

  beforeAll(async () => {
    nc = await connectNats(NATS_URL, 'streams spec');
    jsm = await jetstreamManager(nc);
  });

  afterAll(async () => {
    await jsm.streams.delete(names.evt).catch(() => undefined);
    await jsm.streams.delete(names.dir).catch(() => undefined);
    await nc.close();
  });

  it('creates the district streams once; a second call changes nothing and keeps the events', async () => {
    await ensureNodeStreams(jsm, node, { names, parent: { code: parentCode } });
    await new JetStreamPublisher(jetstream(nc)).publishBatch(sampleMessages(node, 3));
    const before = await jsm.streams.info(names.evt);

    await ensureNodeStreams(jsm, node, { names, parent: { code: parentCode } });

    const evt = await jsm.streams.info(names.evt);
    expect(evt.created).toBe(before.created);
    expect(evt.state.messages).toBe(3);
    expect(evt.config.subjects).toEqual([`evt.${node.province}.${node.city}.${node.district}.>`]);
    expect(evt.config.sources ?? []).toEqual([]);
    expect(evt.config.duplicate_window).toBe(120_000_000_000);
    expect(evt.config.max_age).toBe(400 * 24 * 3600 * 1e9);
    expect(evt.config.max_msg_size).toBe(EVT_MAX_MESSAGE_BYTES);
    // A service ensuring its streams sets no byte limit…
    expect(evt.config.max_bytes).toBe(-1);

    const dir = await jsm.streams.info(names.dir);
    expect(dir.config.subjects).toEqual([`dir.${node.province}.${node.city}.${node.district}.>`]);
    expect(dir.config.sources).toEqual([
      { name: names.dir, external: { api: `$JS.n${parentCode}.API`, deliver: '' }, filter_subject: `dir.${node.province}.*._.>` },
    ]);
    // DIR is made with its limits (never updated to them: 2.9.10 refuses updates of a DIR with a source).
    expect(dir.config.max_bytes).toBe(256 * 1024 ** 2);
    expect(DIR_MAX_BYTES).toBe(256 * 1024 ** 2);
    expect(dir.config.max_msg_size).toBe(EVT_MAX_MESSAGE_BYTES);
  });

  it('takes the byte limit the provisioning sets, in place, and keeps it when a service ensures the streams again', async () => {
    await ensureNodeStreams(jsm, node, { names, parent: { code: parentCode }, evtMaxBytes: evtMaxBytesFor(node) });
    const limited = await jsm.streams.info(names.evt);
    expect(limited.config.max_bytes).toBe(2 * 1024 ** 3);
    expect(limited.state.messages).toBe(3);
    await ensureNodeStreams(jsm, node, { names, parent: { code: parentCode } });
    expect((await jsm.streams.info(names.evt)).config.max_bytes).toBe(2 * 1024 ** 3);
    expect((await jsm.streams.info(names.dir)).config.max_bytes).toBe(DIR_MAX_BYTES);
    // …and the stream itself refuses a message over the limit, whoever publishes it.
    const js = jetstream(nc);
    await expect(js.publish(`evt.${node.province}.${node.city}.${node.district}.stations.station.x.Big`, new Uint8Array(EVT_MAX_MESSAGE_BYTES + 1))).rejects.toThrow();
    expect((await jsm.streams.info(names.evt)).state.messages).toBe(3);
    expect(EVT_MAX_BYTES_BY_LEVEL).toEqual({ district: 2 * 1024 ** 3, city: 8 * 1024 ** 3, province: 32 * 1024 ** 3 });
  });
});

describe('ensureNodeStreams at a city', () => {
  let server: NatsProcess;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const district = testNodeCode();
  const city = nodeRef(district.slice(0, 4));
  const sibling = `${city.code}zz`;

  beforeAll(async () => {
    server = await startNatsServer({ node: city });
    nc = await connectNats(server.url, 'city streams spec');
    jsm = await jetstreamManager(nc);
  });

  afterAll(async () => {
    await nc.close();
    await server.remove();
  });

  it('adds child sources to the existing EVT stream in place', async () => {
    await ensureNodeStreams(jsm, city);
    await new JetStreamPublisher(jetstream(nc)).publishBatch(sampleMessages(city, 2));
    const created = (await jsm.streams.info('EVT')).created;

    await ensureNodeStreams(jsm, city, { children: [{ code: district }, { code: sibling, domain: 'elsewhere' }] });

    const evt = await jsm.streams.info('EVT');
    expect(evt.created).toBe(created);
    expect(evt.state.messages).toBe(2);
    expect(evt.config.subjects).toEqual([`evt.${city.province}.${city.code}.*.>`]);
    expect(evt.config.sources).toEqual([
      { name: 'EVT', external: { api: `$JS.n${district}.API`, deliver: `fed.n${district}.evt` }, filter_subject: `evt.${city.province}.${city.code}.${district}.>` },
      { name: 'EVT', external: { api: '$JS.elsewhere.API', deliver: 'fed.elsewhere.evt' }, filter_subject: `evt.${city.province}.${city.code}.${sibling}.>` },
    ]);
    // A city without a parent sources no directives.
    expect((await jsm.streams.info('DIR')).config.sources ?? []).toEqual([]);
  });
});
