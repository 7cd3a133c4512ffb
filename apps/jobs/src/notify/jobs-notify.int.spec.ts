import { contactLookupSubject, recipientProofSubject } from '@ws/contracts';
import type { ContactLookupReply, ContactLookupRequest, RecipientProof, RecipientProofReply } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { requestReply } from '@ws/messaging';
import type { BusConnection } from '@ws/messaging';
import { NATS } from '@ws/platform';
import { eventually } from '@ws/testing';
import { JobsHarness } from '../testing/jobs-harness';

const WORK = { lng: 106.27, lat: 29.97 };
const north = (km: number) => ({ lng: WORK.lng, lat: Math.round((WORK.lat + km / 111.32) * 1000) / 1000 });

/** Jobs as notify meets it (精准推送): the PostingMatched facts, the seeker's contact look-up and proof (real Postgres and NATS). */
describe('jobs for notify (real Postgres and NATS)', () => {
  let h: JobsHarness;
  let nc: BusConnection;

  beforeAll(async () => {
    h = await JobsHarness.create();
    nc = h.app.get<BusConnection>(NATS);
  });
  afterAll(async () => {
    await h?.close();
  });

  const lookup = (kind: 'seeker' | 'volunteer', id: string) =>
    requestReply<ContactLookupRequest, ContactLookupReply>(nc, contactLookupSubject(h.config.node.code, 'jobs'), { recipient: { kind, id }, channel: 'sms', purpose: 'job_matched', messageId: newId() }, 5000);
  const proof = (body: RecipientProof) => requestReply<RecipientProof, RecipientProofReply>(nc, recipientProofSubject(h.config.node.code, 'jobs'), body, 5000);

  it('puts one PostingMatched fact per chosen seeker on the stream: ids and a distance band, no personal data; none for a seeker 40 km away', async () => {
    const near = await h.registeredSeeker('13700000401', { name: '庞秀英', home: north(2.6), preferences: { travelRadiusKm: 5 } });
    const far = await h.registeredSeeker('13700000402', { home: north(40), preferences: { travelRadiusKm: 5 } });
    await h.settle();
    const employer = await h.approvedEmployer('13700000410');
    const postingId = await h.openPosting(employer.token, { location: WORK });
    await h.settle();
    await h.settle(); // the matcher's facts go out through the outbox after its batch

    const matched = await eventually(async () => {
      const events = (await h.streamEvents(`jobs.posting.${postingId}.>`)).filter((e) => e.type === 'PostingMatched');
      return events.length > 0 ? events : undefined;
    }, { what: 'PostingMatched on the stream' });
    expect(matched.map((e) => e.data)).toEqual([{ postingId, seekerId: near.seekerId, distanceBand: '3km' }]);
    expect(JSON.stringify(matched)).not.toMatch(/13700000401|庞秀英/);
    expect(matched.some((e) => (e.data as { seekerId: string }).seekerId === far.seekerId)).toBe(false);
    // The jobs inbox still has it.
    const inbox = await h.http('GET', '/seekers/me/inbox', { token: near.token });
    expect(inbox.body.items.map((i: { postingId: string }) => i.postingId)).toEqual([postingId]);
  });

  it("answers a seeker's mobile while pushes are on, logging each read; no_consent once they turn pushes off; refuses what is not theirs", async () => {
    const seeker = await h.registeredSeeker('13700000421');
    const quiet = await h.registeredSeeker('13700000422');
    await h.http('PUT', '/seekers/me/pushes', { token: quiet.token, body: { pushes: false, dailyCap: 3 } });

    expect(await lookup('seeker', seeker.seekerId)).toEqual({ status: 'ok', address: '13700000421' });
    expect(await lookup('seeker', quiet.seekerId)).toEqual({ status: 'no_consent' });
    expect(await lookup('seeker', newId())).toEqual({ status: 'unknown_recipient' });
    expect(await lookup('seeker', 'not-a-uuid')).toEqual({ status: 'unknown_recipient' });
    expect(await lookup('volunteer', seeker.seekerId)).toEqual({ status: 'unknown_recipient' });
    const log = await h.db.selectFrom('pii_access_log').select(['actor', 'owner_kind', 'purpose']).where('owner_id', '=', seeker.seekerId).execute();
    expect(log).toEqual([{ actor: 'service:notify', owner_kind: 'seeker', purpose: 'notify:job_matched' }]);
    expect(await h.db.selectFrom('pii_access_log').select('id').where('owner_id', '=', quiet.seekerId).execute()).toEqual([]);

    expect(await proof({ kind: 'seeker', token: seeker.token })).toEqual({ status: 'ok', recipients: [{ kind: 'seeker', id: seeker.seekerId }] });
    const employer = await h.approvedEmployer('13700000430');
    expect(await proof({ kind: 'seeker', token: employer.token })).toEqual({ status: 'refused' });
    expect(await proof({ kind: 'volunteer', token: seeker.token })).toEqual({ status: 'refused' });
  });

  it('answers erased for a seeker who erased their data, reads nothing, and their token proves nobody', async () => {
    const seeker = await h.registeredSeeker('13700000441');
    await h.http('POST', '/seekers/me/erasure/code', { token: seeker.token });
    const code = h.codes.filter((c) => c.mobile === '13700000441' && c.purpose === 'jobs_erasure').at(-1)!.code;
    expect((await h.http('POST', '/seekers/me/erasure', { token: seeker.token, body: { code } })).status).toBe(200);

    expect(await lookup('seeker', seeker.seekerId)).toEqual({ status: 'erased' });
    expect(await h.db.selectFrom('pii_access_log').select('id').where('owner_id', '=', seeker.seekerId).execute()).toEqual([]);
    expect(await proof({ kind: 'seeker', token: seeker.token })).toEqual({ status: 'refused' });
  });
});
