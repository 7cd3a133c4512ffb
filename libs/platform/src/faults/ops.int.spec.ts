import { randomUUID } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import { Kysely, sql, Transaction } from 'kysely';
import { eventSubject, type EventEnvelope } from '@ws/contracts';
import { KERNEL_ERRORS } from '@ws/kernel';
import { eventHeaders } from '@ws/eventstore';
import type { ConsumedEvent } from '@ws/messaging';
import type { Projection } from '@ws/projections';
import { eventually } from '@ws/testing';
import { startProbeService, type ProbeService } from '@ws/testing/service-app';
import { PlatformModule } from '../platform.module';
import { ReadModel } from '../read-model.decorator';
import { DB } from '../tokens';

/** A read model whose handler fails on every event marked poison, as a bug would. */
@ReadModel()
@Injectable()
class NotesProjection implements Projection {
  readonly name = 'probe.notes';
  readonly tables = ['probe_notes'];
  static poisonCured = false;

  async apply(trx: Transaction<any>, events: readonly ConsumedEvent[]): Promise<void> {
    for (const { envelope } of events) {
      const { text } = envelope.data as { text: string };
      if (text === 'poison' && !NotesProjection.poisonCured) throw new RangeError('cannot read this note');
      await sql`insert into probe_notes (event_id, text) values (${envelope.eventId}, ${text})`.execute(trx);
    }
  }
}

const migrations = {
  '20261206130000_probe_notes': {
    async up(db: Kysely<any>) {
      await sql`create table probe_notes (event_id uuid primary key, text text not null)`.execute(db);
    },
  },
};

/**
 * The ops side of faults on a service: a poison event and a refused outbox row turn /health red
 * (naming them), the ops endpoints list them, a retry that fails again says so, a retry after
 * the cure applies the event, a discard drops the row — and /health is green again.
 */
describe('ops endpoints and /health for what a service set aside', () => {
  let probe: ProbeService;
  const call = (method: 'GET' | 'POST', url: string) => probe.call(method, url);
  const health = () => probe.health();
  const note = (text: string) => probe.note(text);
  const service = () => probe.service;
  const notes = async () => (await sql<{ text: string }>`select text from probe_notes order by text`.execute(service().app.get<Kysely<any>>(DB))).rows.map((r) => r.text);

  beforeAll(async () => {
    probe = await startProbeService('ops', (config) => {
      @Module({ imports: [PlatformModule.forService({ service: 'ops', migrations, errors: KERNEL_ERRORS, config })], providers: [NotesProjection] })
      class OpsProbeModule {}
      return { module: OpsProbeModule };
    });
  });

  afterAll(async () => {
    await probe?.close();
  });

  it('parks a poison event, shows it red in /health and lists it; a failed retry says so; the cured retry applies it', async () => {
    await note('a');
    await note('poison');
    await note('b');
    await eventually(async () => (await notes()).length === 2, { what: 'the notes around the poison applied', timeoutMs: 20_000 });
    const red = await health();
    expect(red).toMatchObject({ status: 503, code: 'unavailable' });
    expect(red.error.faults).toMatchObject({ status: 'down', parked: { 'probe.notes': 1 }, deadLetters: 0 });

    const listed = await call('GET', '/admin/parked');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    const [parked] = listed.body.items;
    expect(parked).toMatchObject({ consumer: 'probe.notes', kind: 'projection', reason: 'failed', type: 'Noted' });
    expect(parked.detail).toContain('cannot read this note');
    expect(JSON.stringify(listed.body)).not.toContain('payload');

    const stillFailing = await call('POST', `/admin/parked/${parked.id}/retry`);
    expect(stillFailing).toMatchObject({ status: 409, body: { code: 'retry_failed' } });

    NotesProjection.poisonCured = true;
    expect(await call('POST', `/admin/parked/${parked.id}/retry`)).toEqual({ status: 200, body: { id: parked.id, status: 'applied' } });
    expect(await notes()).toEqual(['a', 'b', 'poison']);
    expect((await call('POST', `/admin/parked/${parked.id}/skip`)).status).toBe(404);
    expect((await health()).status).toBe('ok');
  });

  it('sets a row the bus refuses aside, red in /health until it is discarded; the ops routes need an officer', async () => {
    const db = service().app.get<Kysely<any>>(DB);
    const eventId = randomUUID();
    const envelope: EventEnvelope = {
      eventId, type: 'Noted', schema: 1, streamId: 'note-big', streamVersion: null, occurredAt: new Date().toISOString(),
      data: { text: 'x'.repeat(1_100_000) }, metadata: { correlationId: eventId, causationId: eventId, node: service().config.node.code },
    };
    await db
      .insertInto('outbox')
      .values({ event_id: eventId, subject: eventSubject(service().config.node, 'probe', 'note', 'big', 'Noted'), headers: JSON.stringify(eventHeaders(envelope)), payload: JSON.stringify(envelope), stream_id: 'note-big' })
      .execute();
    const letters = await eventually(async () => {
      const listed = await call('GET', '/admin/dead-letters');
      return listed.body.items?.length === 1 ? listed.body.items : undefined;
    }, { what: 'the row set aside', timeoutMs: 30_000 });
    expect(letters[0]).toMatchObject({ eventId, streamId: 'note-big', attempts: 5 });
    expect((await health()).error.faults).toMatchObject({ status: 'down', deadLetters: 1 });
    expect((await service().app.inject({ method: 'GET', url: '/admin/dead-letters' })).statusCode).toBe(401);

    expect(await call('POST', `/admin/dead-letters/${letters[0].position}/retry`)).toMatchObject({ status: 409, body: { code: 'retry_failed' } });
    expect(await call('POST', `/admin/dead-letters/${letters[0].position}/discard`)).toEqual({ status: 200, body: { position: letters[0].position, status: 'discarded' } });
    expect((await health()).status).toBe('ok');
  });
});
