import { contactLookupSubject, recipientProofSubject, verificationCodeSubject } from '@ws/contracts';
import type { ContactLookupReply, ContactLookupRequest, RecipientProof, RecipientProofReply, VerificationCodeReply, VerificationCodeRequest } from '@ws/contracts';
import { newId } from '@ws/kernel';
import { requestReply, serveRequests } from '@ws/messaging';
import type { BusConnection, Responder } from '@ws/messaging';
import { NATS } from '@ws/platform';
import { syntheticPerson } from '../demo/synthetic-people';
import { applicationFor, MembershipHarness, startMembership } from '../testing/membership-harness';

/** Membership as notify meets it: SMS consent, contact look-ups, proofs, join by SMS code (real Postgres and NATS). */
describe('membership for notify (real Postgres and NATS)', () => {
  let service: MembershipHarness;
  let nc: BusConnection;
  let notify: Responder;
  let officer: string;
  let unionId: string;
  const codes: VerificationCodeRequest[] = [];

  beforeAll(async () => {
    service = await startMembership({ joinMobileCode: true });
    nc = service.app.get<BusConnection>(NATS);
    notify = serveRequests<VerificationCodeRequest, VerificationCodeReply>(nc, verificationCodeSubject(service.config.node.code), async (request) => {
      codes.push(request);
      return { status: 'sent' };
    });
    await nc.flush();
    officer = await service.officer();
    unionId = await service.createUnion(officer);
  });
  afterAll(async () => {
    await notify?.stop();
    await service?.close();
  });

  const node = () => service.config.node.code;
  const lookup = (recipient: ContactLookupRequest['recipient']) =>
    requestReply<ContactLookupRequest, ContactLookupReply>(nc, contactLookupSubject(node(), 'membership'), { recipient, channel: 'sms', purpose: 'application_approved', messageId: newId() }, 5000);
  const prove = (proof: RecipientProof) => requestReply<RecipientProof, RecipientProofReply>(nc, recipientProofSubject(node(), 'membership'), proof, 5000);

  /** 我要入会 as the worker page does it: a code to the mobile, then the application with it. */
  async function join(index: number, extra: Record<string, unknown> = {}) {
    const person = syntheticPerson(index);
    const asked = await service.request('POST', '/applications/mobile-codes', { mobile: person.mobile });
    expect(asked.statusCode).toBe(202);
    const code = codes.filter((c) => c.mobile === person.mobile).at(-1)!;
    const submitted = await service.request('POST', '/applications', applicationFor(index, unionId, { mobileCode: code.code, ...extra }));
    expect(submitted.statusCode).toBe(201);
    return { person, ...(submitted.json() as { applicationId: string; applicationNumber: string }) };
  }

  it('takes an online application only with the code sent to its mobile, and an officer without one', async () => {
    const refused = await service.request('POST', '/applications', applicationFor(301, unionId));
    expect([refused.statusCode, refused.json().code]).toEqual([422, 'mobile_code_required']);
    const wrong = await service.request('POST', '/applications', applicationFor(301, unionId, { mobileCode: '000000' }));
    expect(wrong.json().code).toBe('code_invalid');
    await join(301);
    const byOfficer = await service.request('POST', '/applications', applicationFor(302, unionId), officer);
    expect(byOfficer.statusCode).toBe(201);
    // A new code for the same mobile only after the resend wait.
    const again = await service.request('POST', '/applications/mobile-codes', { mobile: syntheticPerson(301).mobile });
    expect(again.json().code).toBe('code_throttled');
  });

  it("answers an applicant's and a member's mobile only with their SMS consent, logging each read, and nothing once they are erased", async () => {
    const consenting = await join(303, { smsConsent: true });
    const silent = await join(304);
    expect(await lookup({ kind: 'applicant', id: consenting.applicationId })).toEqual({ status: 'ok', address: consenting.person.mobile });
    expect(await lookup({ kind: 'applicant', id: silent.applicationId })).toEqual({ status: 'no_consent' });
    expect(await lookup({ kind: 'applicant', id: newId() })).toEqual({ status: 'unknown_recipient' });
    const approved = (await service.request('POST', `/applications/${consenting.applicationId}/approve`, undefined, officer)).json() as { membershipId: string; cardNumber: string };
    expect(await lookup({ kind: 'member', id: approved.membershipId })).toEqual({ status: 'ok', address: consenting.person.mobile });
    const reads = await service.raw<{ actor: string; purpose: string }>(`select actor, purpose from pii_access_log where actor = 'service:notify'`);
    expect(reads.rows).toEqual([
      { actor: 'service:notify', purpose: 'notify:application_approved' },
      { actor: 'service:notify', purpose: 'notify:application_approved' },
    ]);

    expect(await prove({ kind: 'applicant', applicationNumber: consenting.applicationNumber, mobile: consenting.person.mobile })).toEqual({
      status: 'ok',
      recipients: [{ kind: 'applicant', id: consenting.applicationId }, { kind: 'member', id: approved.membershipId }],
    });
    expect(await prove({ kind: 'applicant', applicationNumber: consenting.applicationNumber, mobile: silent.person.mobile })).toEqual({ status: 'refused' });
    expect(await prove({ kind: 'member', cardNumber: approved.cardNumber, mobile: consenting.person.mobile })).toEqual({ status: 'ok', recipients: [{ kind: 'member', id: approved.membershipId }] });
    expect(await prove({ kind: 'wish_author', wishNo: 'W000000000', authorKey: 'x' })).toEqual({ status: 'refused' });

    const personId = (await service.request('GET', `/members/${approved.membershipId}`, undefined, officer)).json().personId as string;
    expect((await service.request('POST', `/persons/${personId}/erasure`, undefined, officer)).statusCode).toBe(200);
    expect(await lookup({ kind: 'member', id: approved.membershipId })).toEqual({ status: 'erased' });
    expect(Number((await service.raw<{ n: string }>(`select count(*) as n from sms_consents where person_id = '${personId}'`)).rows[0]!.n)).toBe(0);
  });
});
