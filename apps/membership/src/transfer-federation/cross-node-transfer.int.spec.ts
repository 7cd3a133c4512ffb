import { jetstreamManager } from '@ws/testing/nats';
import { connect } from '@ws/testing/nats';
import { natsConnectOptions } from '@ws/messaging';
import { Kysely, sql } from 'kysely';
import { DB } from '@ws/platform';
import { type FederatedNode, ServiceFederation } from '@ws/testing/federation';
import { eventually } from '@ws/testing';
import { allKeysetPages, keysetPagePath } from '@ws/contracts';
import type { MembershipDatabase } from '../db/database';
import { MembershipModule } from '../membership.module';
import { syntheticPerson } from '../demo/synthetic-people';
import { applicationFor } from '../testing/membership-harness';

/**
 * Two districts under one city, each node with its own nats-server (JetStream domain, leafnode
 * to the city), its own database and its own membership service — the federation as deployed.
 * A member moves from one district to the other through the city, the common ancestor.
 */
describe('cross-node transfer: district → district through their city', () => {
  const federation = new ServiceFederation({ service: 'membership', module: (config) => MembershipModule.forRoot({ config }), districts: ['from', 'to'] });
  let city: FederatedNode;
  let from: FederatedNode;
  let to: FederatedNode;

  beforeAll(async () => {
    ({ city, districts: { from, to } } = await federation.start());
  }, 120_000);

  afterAll(() => federation.close());

  it('moves the member in one step: never in two unions, never in none, as the city sees it', async () => {
    const fromUnion = (await from.call('POST', '/unions', { name: '甲区外卖配送行业联合工会', kind: 'joint', occupations: ['rider'] })).unionId;
    const toUnion = (await to.call('POST', '/unions', { name: '乙区外卖配送行业联合工会', kind: 'joint', occupations: ['rider'] })).unionId;
    const applied = await from.call('POST', '/applications', applicationFor(424_242, fromUnion));
    const { membershipId, cardNumber } = await from.call('POST', `/applications/${applied.applicationId}/approve`);
    const earned = await from.call('POST', `/members/${membershipId}/points/credits`, { entryId: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2c', points: 35, reason: '随手拍奖励' });
    expect(earned).toMatchObject({ booked: true, balance: 35 });

    const requested = await from.call('POST', `/members/${membershipId}/transfers`, { toUnionId: toUnion, toNode: to.ref.code });
    expect(requested).toMatchObject({ status: 'requested', toNode: to.ref.code });

    // The offer reaches the target through the city.
    await eventually(async () => (await to.call('GET', '/transfers')).items.some((t: { transferId: string }) => t.transferId === requested.transferId), { what: 'the transfer offered at the receiving district' });
    const accepted = await to.call('POST', `/transfers/${requested.transferId}/accept`);
    expect(accepted).toMatchObject({ status: 'accepted', fromNode: from.ref.code });

    // The source lets go (TransferCompleted), then the target activates the same membership.
    await eventually(async () => (await to.call('GET', `/members/${membershipId}`)).status === 'active', { what: 'the member active at the receiving district' });
    const card = await to.call('GET', `/members/${membershipId}`);
    expect(card).toMatchObject({ cardNumber, unionId: toUnion, nodeCode: to.ref.code });
    await eventually(async () => (await from.call('GET', `/members/${membershipId}`)).status === 'transferred_out', { what: 'the member transferred out at the leaving district' });
    expect(await from.call('GET', '/transfers')).toEqual({ items: [], next: null });

    // The points balance moved with the member: debited at the source with the move, credited at the target.
    const account = await to.call('GET', `/members/${membershipId}/points`);
    expect(account).toMatchObject({ balance: 35, items: [expect.objectContaining({ source: 'transfer', points: 35 })], next: null });
    expect(await from.call('GET', `/members/${membershipId}/points`)).toMatchObject({ code: 'membership_not_found' });

    // At the city, every membership event of this member in stream order: exactly one holder after each.
    await eventually(async () => (await city.call('GET', `/members/${membershipId}`, undefined, 'city_officer')).nodeCode === to.ref.code, { what: 'the city seeing the member at the receiving district' });
    const cityEvents = await cityStreamEventsOf(city, membershipId);
    expect(cityEvents.map((e) => `${e.type}@${e.node}`)).toEqual([
      `MembershipActivated@${from.ref.code}`,
      `TransferRequested@${from.ref.code}`,
      `TransferCompleted@${from.ref.code}`,
      `MembershipActivated@${to.ref.code}`,
    ]);
    const holders = new Set<string>();
    for (const e of cityEvents) {
      if (e.type === 'MembershipActivated' && !e.transferId) holders.add(e.node);
      if (e.type === 'TransferCompleted') {
        holders.delete(e.fromNode!);
        holders.add(e.toNode!);
      }
      // The target's activation confirms what TransferCompleted already did.
      if (e.type === 'MembershipActivated' && e.transferId) expect(holders).toEqual(new Set([e.node]));
      expect(holders.size).toBe(1);
    }
    const cityStats = await city.call('GET', '/members/stats?by=node');
    expect(cityStats.rows).toEqual([expect.objectContaining({ key: to.ref.code, members: 1 })]);
    await eventually(async () => (await city.call('GET', '/points/balances', undefined, 'city_officer')).totals.credited === 70, { what: 'the city crediting 70 points' });
    expect((await city.call('GET', '/points/balances', undefined, 'city_officer')).items).toEqual([
      expect.objectContaining({ membershipId, balance: 35, credited: 70, debited: 35 }),
    ]);

    // The personal data follows by request/reply, sealed to the target's key; the source lets go of its copy.
    const person = syntheticPerson(424_242);
    await eventually(async () => (await to.call('GET', `/members/${membershipId}`)).person.disclosure === 'unmasked', { what: 'the person unmasked at the receiving district' });
    expect((await to.call('GET', `/members/${membershipId}`)).person).toEqual({ ...person, disclosure: 'unmasked' });
    await eventually(async () => (await from.call('GET', `/members/${membershipId}`)).person.disclosure === 'elsewhere', { what: 'the person shown as elsewhere at the leaving district' });
    expect((await city.call('GET', `/members/${membershipId}`, undefined, 'city_officer')).person.disclosure).toBe('elsewhere');

    // Nothing personal in any node's events or streams.
    const secrets = [person.name, person.mobile, person.idNumber];
    for (const node of [from, city, to]) {
      for (const text of await everythingStored(node)) expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
    }
  }, 120_000);

  it('a transfer to a union the target does not have is declined there, and the member stays', async () => {
    const fromUnion = (await from.call('GET', '/unions')).items[0].unionId;
    const applied = await from.call('POST', '/applications', applicationFor(434_343, fromUnion));
    const { membershipId } = await from.call('POST', `/applications/${applied.applicationId}/approve`);
    const requested = await from.call('POST', `/members/${membershipId}/transfers`, { toUnionId: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b', toNode: to.ref.code });
    await eventually(async () => (await from.call('GET', '/transfers?status=declined')).items.some((t: { transferId: string }) => t.transferId === requested.transferId), { what: 'the declined transfer at the leaving district' });
    expect(await from.call('GET', `/members/${membershipId}`)).toMatchObject({ status: 'active', unionId: fromUnion });
    expect((await from.call('POST', `/members/${membershipId}/leave`, { reason: '本人申请' })).status).toBe('left');
  }, 120_000);
  it('builds the union tree across the nodes: district federations under the city’s, whole at the city', async () => {
    const cityFederation = (await city.call('POST', '/unions', { name: '市总工会', kind: 'federation', occupations: [] }, 'city_officer')).unionId;
    const underCity = { kind: 'federation', occupations: [], parentUnionId: cityFederation, parentNodeCode: city.ref.code };
    const fromFederation = (await from.call('POST', '/unions', { name: '甲区总工会', ...underCity })).unionId;
    const toFederation = (await to.call('POST', '/unions', { name: '乙区总工会', ...underCity })).unionId;
    const couriers = (await from.call('POST', '/unions', { name: '甲区快递行业联合工会', kind: 'joint', occupations: ['courier'], parentUnionId: fromFederation })).unionId;
    expect([cityFederation, fromFederation, toFederation, couriers].every((id) => typeof id === 'string')).toBe(true);

    // A parent must be of this node or above it: not a sibling district's, and not the city's unnamed.
    expect(await from.call('POST', '/unions', { name: '越级工会', kind: 'joint', parentUnionId: toFederation, parentNodeCode: to.ref.code })).toMatchObject({
      code: 'union_parent_not_above',
      field: 'parentNodeCode',
    });
    expect(await from.call('POST', '/unions', { name: '无名上级工会', kind: 'joint', parentUnionId: cityFederation })).toMatchObject({ code: 'union_not_found', field: 'parentUnionId' });

    type Branch = { unionId: string; nodeCode: string; level: string; children: Branch[] };
    const cityRoot = async () => ((await city.call('GET', '/unions/tree')) as Branch[]).find((root) => root.unionId === cityFederation);
    await eventually(async () => (await cityRoot())?.children.find((c) => c.unionId === fromFederation)?.children.length === 1, { what: "the couriers' union under the federation in the city's tree" });
    const root = (await cityRoot())!;
    expect(root).toMatchObject({ nodeCode: city.ref.code, level: 'city' });
    const districts = [[fromFederation, from.ref.code], [toFederation, to.ref.code]].sort((a, b) => a[1]!.localeCompare(b[1]!));
    expect(root.children.map((c) => [c.unionId, c.nodeCode, c.level])).toEqual(districts.map(([id, code]) => [id, code, 'district']));
    expect(root.children.find((c) => c.unionId === fromFederation)!.children.map((c) => c.unionId)).toEqual([couriers]);
    // The district sees its own part: its federation is a root there (the city's union is not in its stream).
    // Its own read model may fold the couriers' union after the city's has: each projects on its own.
    const districtTree = async () => ((await from.call('GET', '/unions/tree')) as Branch[]).some((r) => r.unionId === fromFederation && r.children[0]?.unionId === couriers);
    await eventually(districtTree, { what: "the couriers' union under the federation in the district's tree" });
    expect(await districtTree()).toBe(true);

    // The city cannot dissolve its federation while the districts' federations name it as their parent.
    expect(await city.call('POST', `/unions/${cityFederation}/dissolve`, { reason: '机构调整' }, 'city_officer')).toMatchObject({ code: 'union_has_child_unions' });
  }, 120_000);

  it('counts each district’s subtree at the city, and an erasure at the district shows 已注销 at the city too', async () => {
    const unions = await allKeysetPages<{ unionId: string; name: string }>((after) => from.call('GET', keysetPagePath('/unions', after)));
    const unionId = unions.find((u) => u.name === '甲区外卖配送行业联合工会')!.unionId;
    const applied = await from.call('POST', '/applications', applicationFor(454_545, unionId));
    const { membershipId } = await from.call('POST', `/applications/${applied.applicationId}/approve`);
    await eventually(async () => (await city.call('GET', `/members/${membershipId}`, undefined, 'city_officer')).status === 'active', { what: 'the member active at the city' });

    // Figures of the city's whole subtree, and of each district within it, agree with the districts' own.
    const figure = (stats: { figures: Array<{ key: string; value: number }> }, key: string) => stats.figures.find((f) => f.key === key)!.value;
    const [cityStats, fromStats, toStats] = [await city.call('GET', '/stats'), await from.call('GET', '/stats'), await to.call('GET', '/stats')];
    expect(figure(fromStats, 'members')).toBe(1); // this member; the first moved away, the second left
    expect(figure(toStats, 'members')).toBe(1); // the member who arrived
    expect(figure(cityStats, 'members')).toBe(figure(fromStats, 'members') + figure(toStats, 'members'));
    expect(cityStats.byNode).toEqual(
      [from.ref.code, to.ref.code].sort().map((code) => ({ key: code, label: code, value: 1 })),
    );
    expect(figure(await city.call('GET', `/stats?node=${from.ref.code}`), 'members')).toBe(figure(fromStats, 'members'));

    const { personId } = await from.call('GET', `/members/${membershipId}`);
    expect(await from.call('POST', `/persons/${personId}/erasure`)).toMatchObject({ status: 'erased', membershipEnded: true });
    await eventually(async () => (await city.call('GET', `/members/${membershipId}`, undefined, 'city_officer')).person.disclosure === 'erased', { what: 'the person erased at the city' });
    expect(await city.call('GET', `/members/${membershipId}`, undefined, 'city_officer')).toMatchObject({
      status: 'left',
      person: { name: '已注销', mobile: null, idNumber: null, disclosure: 'erased' },
    });
    await eventually(async () => (await city.call('GET', `/applications/${applied.applicationId}`, undefined, 'city_officer')).erased === true, { what: 'the application erased at the city' });
    expect((await city.call('GET', `/applications/${applied.applicationId}`, undefined, 'city_officer')).person).toMatchObject({ name: '已注销', disclosure: 'erased' });
    expect(figure(await city.call('GET', '/stats'), 'members')).toBe(figure(cityStats, 'members') - 1);
  }, 120_000);
});

/** Every event row and every message of the node's EVT and DIR streams, as text. */
async function everythingStored(node: FederatedNode): Promise<string[]> {
  const db = node.service.app.get<Kysely<MembershipDatabase>>(DB);
  const { rows } = await sql<{ row: string }>`select row_to_json(e)::text as row from events e`.execute(db);
  const texts = rows.map((r) => r.row);
  const nc = await connect(natsConnectOptions(node.nats.url));
  const jsm = await jetstreamManager(nc);
  for (const stream of ['EVT', 'DIR']) {
    const { state } = await jsm.streams.info(stream);
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      if (message) texts.push(`${message.subject} ${new TextDecoder().decode(message.data)}`);
    }
  }
  await nc.close();
  return texts;
}

/** The city's EVT stream, in order, reduced to this membership's events. */
async function cityStreamEventsOf(city: FederatedNode, membershipId: string) {
  const nc = await connect(natsConnectOptions(city.nats.url));
  const jsm = await jetstreamManager(nc);
  const { state } = await jsm.streams.info('EVT');
  const events: Array<{ type: string; node: string; transferId?: string | null; fromNode?: string; toNode?: string }> = [];
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const message = await jsm.streams.getMessage('EVT', { seq });
    if (!message) continue;
    const envelope = JSON.parse(new TextDecoder().decode(message.data));
    if (envelope.streamId !== `membership-${membershipId}`) continue;
    events.push({ type: envelope.type, node: envelope.metadata.node, transferId: envelope.data.transferId, fromNode: envelope.data.fromNode, toNode: envelope.data.toNode });
  }
  await nc.close();
  return events;
}
