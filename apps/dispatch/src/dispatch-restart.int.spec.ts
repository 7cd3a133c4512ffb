import type { DemandDispatchDecided } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { eventually } from '@ws/testing';
import { DispatchHarness } from './testing/dispatch-harness';

const TTL_MS = 10 * 60_000;

describe('dispatch across a restart (real Postgres and NATS)', () => {
  let h: DispatchHarness;

  beforeAll(async () => {
    h = await DispatchHarness.create({ invitationTtlMs: TTL_MS });
  });

  afterAll(async () => {
    await h?.close();
  });

  function decision(title: string): DemandDispatchDecided['data'] {
    const wishId = newId();
    return {
      decisionId: newId(),
      streetCode: h.street,
      category: 'health_check',
      mode: 'individual_tasks',
      wishIds: [wishId],
      wishStations: [{ wishId, stationId: newId() }],
      title,
      activity: null,
      answer: null,
      deadline: new Date(h.clock.now().getTime() + 72 * 3600_000).toISOString(),
      officerId: 'officer-1',
    };
  }

  const pending = async (token: string) =>
    (await h.http('GET', '/volunteers/me/invitations?status=pending', { token })).body as Array<{ invitationId: string; taskId: string; task: { title: string } }>;

  it('loses nothing while stopped: decisions published meanwhile become tasks, timeouts that passed are swept', async () => {
    const doctors = [await h.registerVolunteer({ skills: [{ skill: 'doctor', certificateRef: 'lic-1' }] }), await h.registerVolunteer({ skills: [{ skill: 'doctor', certificateRef: 'lic-2' }] })];
    await h.settle();
    const before = decision('重启前的派单');
    await h.publishEvent('wishes', 'demand', before.decisionId, 'DemandDispatchDecided', before);
    const first = await eventually(async () => {
      for (const d of doctors) {
        const found = (await pending(d.token)).find((i) => i.task.title === before.title);
        if (found) return { doctor: d, invitation: found };
      }
      return undefined;
    }, { what: 'first invitation' });
    await h.settle();

    await h.stop();
    const during = decision('停机期间的派单');
    await h.publishEvent('wishes', 'demand', during.decisionId, 'DemandDispatchDecided', during);
    h.clock.advance(TTL_MS + 1000);
    await h.start();

    // The durable consumer delivers what was published while the service was down.
    const other = doctors.find((d) => d !== first.doctor)!;
    const duringTask = await eventually(async () => {
      for (const d of doctors) {
        const found = (await pending(d.token)).find((i) => i.task.title === during.title);
        if (found) return found;
      }
      return undefined;
    }, { what: 'task of the decision published while down' });
    expect(duringTask.taskId).toBeDefined();

    // The invitation that timed out while the service was down moves on at the first sweep.
    expect((await h.sweep()).expired).toBe(1);
    await h.settle();
    const moved = (await pending(other.token)).find((i) => i.task.title === before.title);
    expect(moved?.taskId).toBe(first.invitation.taskId);

    const history = (await h.streamEvents(`dispatch.task.${first.invitation.taskId}.>`)).map((e) => e.type);
    expect(history).toEqual(['TaskCreated', 'InvitationSent', 'InvitationExpired', 'InvitationSent']);
    const officer = await h.token('district_officer');
    const open = (await h.http('GET', `/tasks/open?streetCode=${h.street}`, { token: officer })).body as Array<{ title: string }>;
    expect(open.map((t) => t.title).sort()).toEqual([before.title, during.title].sort());
  });

  it('rebuilds the read models from the stream to the same answers', async () => {
    const officer = await h.token('district_officer');
    const beforeRebuild = (await h.http('GET', `/tasks/open?streetCode=${h.street}`, { token: officer })).body;
    for (const name of ['dispatch.tasks', 'dispatch.volunteers']) {
      expect((await h.http('POST', `/admin/projections/${name}/rebuild`, { token: officer })).status).toBe(202);
    }
    await h.settle();
    const afterRebuild = (await h.http('GET', `/tasks/open?streetCode=${h.street}`, { token: officer })).body;
    expect(afterRebuild).toEqual(beforeRebuild);
  });
});
