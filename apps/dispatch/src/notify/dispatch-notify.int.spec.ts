import { contactLookupSubject, recipientProofSubject, verificationCodeSubject } from '@ws/contracts';
import type { ContactLookupReply, ContactLookupRequest, RecipientProof, RecipientProofReply, VerificationCodeReply, VerificationCodeRequest } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { requestReply, serveRequests } from '@ws/messaging';
import type { BusConnection, Responder } from '@ws/messaging';
import { NATS } from '@ws/platform';
import { DispatchHarness } from '../testing/dispatch-harness';

/** Dispatch as notify meets it: the contact look-up, proofs, sign-in by SMS code, swap requests (real Postgres and NATS). */
describe('dispatch for notify (real Postgres and NATS)', () => {
  let h: DispatchHarness;
  let nc: BusConnection;
  let notify: Responder;
  const codes: VerificationCodeRequest[] = [];

  beforeAll(async () => {
    h = await DispatchHarness.create();
    nc = h.app.get<BusConnection>(NATS);
    // Notify's side of codes, played here: it takes the code for the SMS.
    notify = serveRequests<VerificationCodeRequest, VerificationCodeReply>(nc, verificationCodeSubject(h.config.node.code), async (request) => {
      codes.push(request);
      return { status: 'sent' };
    });
    await nc.flush();
  });
  afterAll(async () => {
    await notify?.stop();
    await h?.close();
  });

  const lookup = (volunteerId: string) =>
    requestReply<ContactLookupRequest, ContactLookupReply>(nc, contactLookupSubject(h.config.node.code, 'dispatch'), { recipient: { kind: 'volunteer', id: volunteerId }, channel: 'sms', purpose: 'invitation', messageId: newId() }, 5000);

  it("answers a volunteer's mobile only with their SMS consent, logging each read; refuses what is not theirs", async () => {
    const consenting = await h.registerVolunteer({ mobile: '13911112222', smsConsent: true });
    const silent = await h.registerVolunteer({ mobile: '13911113333' });
    expect(await lookup(consenting.volunteerId)).toEqual({ status: 'ok', address: '13911112222' });
    expect(await lookup(silent.volunteerId)).toEqual({ status: 'no_consent' });
    expect(await lookup(newId())).toEqual({ status: 'erased' });
    expect(await lookup('not-a-uuid')).toEqual({ status: 'unknown_recipient' });
    const log = await h.db.selectFrom('pii_access_log').select(['actor', 'purpose']).where('volunteer_id', '=', consenting.volunteerId).execute();
    expect(log).toEqual([{ actor: 'service:notify', purpose: 'notify:invitation' }]);

    const proof = (token: string) => requestReply<RecipientProof, RecipientProofReply>(nc, recipientProofSubject(h.config.node.code, 'dispatch'), { kind: 'volunteer', token }, 5000);
    expect(await proof(consenting.token)).toEqual({ status: 'ok', recipients: [{ kind: 'volunteer', id: consenting.volunteerId }] });
    expect(await proof(await h.token('district_officer'))).toEqual({ status: 'refused' });
  });

  it('signs a volunteer in by mobile and SMS code; a stranger is answered alike and sent nothing', async () => {
    const volunteer = await h.registerVolunteer({ mobile: '13922223333' });
    const asked = await h.http('POST', '/volunteer-sessions/codes', { body: { mobile: '13922223333' } });
    expect(asked.status).toBe(202);
    const code = codes.at(-1)!;
    expect(code).toMatchObject({ mobile: '13922223333', purpose: 'volunteer_login' });
    const stranger = await h.http('POST', '/volunteer-sessions/codes', { body: { mobile: '13900009999' } });
    expect([stranger.status, Object.keys(stranger.body).sort()]).toEqual([202, ['expiresAt', 'resendAfter']]);
    expect(codes.filter((c) => c.mobile === '13900009999')).toEqual([]);
    expect((await h.http('POST', '/volunteer-sessions', { body: { mobile: '13900009999', code: '123456' } })).body.code).toBe('code_invalid');

    const session = await h.http('POST', '/volunteer-sessions', { body: { mobile: '13922223333', code: code.code } });
    expect(session.status).toBe(201);
    const mine = await h.http('GET', '/volunteers/me/invitations', { token: session.body.token });
    expect(mine.status).toBe(200);
    expect((await h.http('POST', '/volunteer-sessions', { body: { mobile: '13922223333', code: code.code } })).body.code).toBe('code_invalid');
    // Mixing the two ways is a validation error, not a sign-in.
    expect((await h.http('POST', '/volunteer-sessions', { body: { volunteerId: volunteer.volunteerId, code: code.code } })).status).toBe(400);
  });

  it('asks another volunteer to take a shift; it changes hands only when they accept', async () => {
    const [alice, bob] = [await h.registerVolunteer(), await h.registerVolunteer()];
    const stationId = newId();
    const manager = await h.token('station_manager', { station: stationId });
    const startsAt = new Date(h.clock.now().getTime() + 86_400_000);
    const rota = await h.http('POST', '/shifts/rota', {
      token: manager,
      body: { stationId, streetCode: h.street, shifts: [{ volunteerId: alice.volunteerId, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 4 * 3600_000).toISOString() }] },
    });
    const shiftId = rota.body.shiftIds[0] as string;
    const request = await h.http('POST', `/shifts/${shiftId}/swap-requests`, { token: alice.token, body: { toVolunteerId: bob.volunteerId } });
    expect(request.status).toBe(201);
    const requestId = request.body.requestId as string;
    expect((await h.http('POST', `/shifts/${shiftId}/swap-requests/${requestId}/answer`, { token: alice.token, body: { accept: true } })).status).toBe(404);
    const answered = await h.http('POST', `/shifts/${shiftId}/swap-requests/${requestId}/answer`, { token: bob.token, body: { accept: true } });
    expect(answered.body).toEqual({ shiftId, requestId, accepted: true, volunteerId: bob.volunteerId });
    await h.settle();
    expect((await h.streamEvents(`dispatch.shift.${shiftId}.>`)).map((e) => e.type)).toEqual(['ShiftScheduled', 'ShiftSwapRequested', 'ShiftSwapAnswered', 'ShiftSwapped']);
  });
});
