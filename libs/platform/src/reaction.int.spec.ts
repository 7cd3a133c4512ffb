import { Inject, Injectable, Module } from '@nestjs/common';
import { Kysely, sql, Transaction } from 'kysely';
import { ownEventPrefix } from '@ws/contracts';
import { EventStore } from '@ws/eventstore';
import { DomainError, KERNEL_ERRORS } from '@ws/kernel';
import type { ConsumedEvent } from '@ws/messaging';
import { eventually } from '@ws/testing';
import { startProbeService, type ProbeService } from '@ws/testing/service-app';
import { PlatformModule } from './platform.module';
import type { PlatformConfig } from './platform-config';
import { ProjectionsService } from './projections.service';
import { Reaction, type EventReaction } from './reaction';
import { DB, PLATFORM_CONFIG } from './tokens';

/**
 * A reaction to `Noted`: it writes a row and appends a `NoteSeen` event (with its outbox row) for
 * each note, in the transaction that moves its checkpoint. What a note's text asks of it:
 * `refuse` — the domain refuses (after it wrote); `flaky` — the database drops the connection
 * after it wrote, twice; `poison` — a bug, every time.
 */
@Reaction()
@Injectable()
class NoteSeenReaction implements EventReaction {
  readonly name = 'probe.note-seen';
  readonly events = ['Noted'];
  readonly filter: string;
  static flakyFailures = 0;

  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    private readonly store: EventStore,
  ) {
    this.filter = `${ownEventPrefix(config.node)}.probe.note.>`;
  }

  async react(trx: Transaction<any>, { envelope }: ConsumedEvent): Promise<void> {
    const { text } = envelope.data as { text: string };
    await sql`insert into probe_seen (cause, text) values (${envelope.eventId}, ${text})`.execute(trx);
    await this.store.appendToStream({ context: 'probe', aggregate: 'seen', aggregateId: envelope.eventId }, 0, [{ type: 'NoteSeen', data: { text } }], { causationId: envelope.eventId }, trx);
    if (text === 'refuse') throw new DomainError('note_refused', '不收这条');
    if (text === 'flaky' && NoteSeenReaction.flakyFailures++ < 2) throw new Error('Connection terminated unexpectedly');
    if (text === 'poison') throw new RangeError('cannot read this note');
  }
}

const migrations = {
  '20261207130000_probe_seen': {
    async up(db: Kysely<any>) {
      // No key on the cause: a second effect of one note would show as a second row.
      await sql`create table probe_seen (cause uuid not null, text text not null)`.execute(db);
    },
  },
};

/** The one reaction mechanism: redelivery changes nothing, a refusal is recorded, the infrastructure is waited for, poison is parked. */
describe('@Reaction: checkpointed with its effects, one refusal policy', () => {
  let probe: ProbeService;
  const call = (method: 'GET' | 'POST', url: string) => probe.call(method, url);
  const health = () => probe.health();
  const note = (text: string) => probe.note(text);
  const service = () => probe.service;
  const db = () => service().app.get<Kysely<any>>(DB);
  const seen = async () => (await sql<{ text: string }>`select text from probe_seen order by text`.execute(db())).rows.map((r) => r.text);
  const appended = async () => (await sql<{ n: number }>`select count(*)::int as n from events where type = 'NoteSeen'`.execute(db())).rows[0]!.n;
  // Each /health check has 1.5 s to answer: on a loaded machine one may miss it once.
  const healthGreen = () => eventually(async () => (await health()).status === 'ok', { what: '/health green', timeoutMs: 10_000 });
  const caughtUp = () => service().app.get(ProjectionsService).reactionsCaughtUp(20_000);

  beforeAll(async () => {
    probe = await startProbeService('reaction', (config) => {
      @Module({ imports: [PlatformModule.forService({ service: 'reaction', migrations, errors: KERNEL_ERRORS, config })], providers: [NoteSeenReaction] })
      class ReactionProbeModule {}
      return { module: ReactionProbeModule };
    });
  });

  afterAll(async () => {
    await probe?.close();
  });

  it('acts once per event: a batch that failed after writing is applied again from the checkpoint, and a restart redelivers nothing', async () => {
    await note('a');
    await note('flaky');
    await caughtUp();
    expect(await seen()).toEqual(['a', 'flaky']);
    expect(await appended()).toBe(2);
    expect(NoteSeenReaction.flakyFailures).toBe(3);

    const runner = service().app.get(ProjectionsService).get('probe.note-seen');
    await runner.stop();
    await runner.start();
    await note('b');
    await caughtUp();
    expect(await seen()).toEqual(['a', 'b', 'flaky']);
    expect(await appended()).toBe(3);
    await healthGreen();
  });

  it('records a refusal with the checkpoint past it, its effects rolled back, the events around it applied, health green', async () => {
    await note('c');
    await note('refuse');
    await note('d');
    await caughtUp();
    expect(await seen()).toEqual(['a', 'b', 'c', 'd', 'flaky']);
    expect(await appended()).toBe(5);
    const refused = await call('GET', '/admin/parked?refused=true');
    expect(refused.body.items).toEqual([expect.objectContaining({ consumer: 'probe.note-seen', kind: 'reaction', reason: 'refused', type: 'Noted', detail: 'note_refused: 不收这条' })]);
    expect((await call('GET', '/admin/parked')).body.items).toEqual([]);
    await healthGreen();
  });

  it('parks a poison event (health red, named) and goes on; skipping it turns health green', async () => {
    await note('poison');
    await note('e');
    await eventually(async () => (await seen()).includes('e'), { what: 'the note after the poison', timeoutMs: 20_000 });
    expect(await seen()).not.toContain('poison');
    const red = await health();
    expect(red.error.faults).toMatchObject({ status: 'down', parked: { 'probe.note-seen': 1 } });
    const [parked] = (await call('GET', '/admin/parked')).body.items;
    expect(parked).toMatchObject({ consumer: 'probe.note-seen', kind: 'reaction', reason: 'failed', attempts: 3 });
    expect(await call('POST', `/admin/parked/${parked.id}/skip`)).toEqual({ status: 200, body: { id: parked.id, status: 'skipped' } });
    await healthGreen();
  });

  it('shows in /admin/projections as a reaction, which is never rebuilt', async () => {
    const listed = await call('GET', '/admin/projections');
    expect(listed.body).toEqual([expect.objectContaining({ name: 'probe.note-seen', kind: 'reaction', stream: 'evt', rebuildable: false, events: 0 })]);
    expect(await call('POST', '/admin/projections/probe.note-seen/rebuild')).toMatchObject({ status: 409, body: { code: 'not_rebuildable' } });
  });
});
