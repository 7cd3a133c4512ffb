import type { DynamicModule } from '@nestjs/common';
import { verificationCodeSubject } from '@ws/contracts';
import type { VerificationCodeReply, VerificationCodeRequest } from '@ws/contracts';
import { serveRequests } from '@ws/messaging';
import type { BusConnection, Responder } from '@ws/messaging';
import { NATS } from '@ws/platform';
import { ServiceHarness, testPlatformConfig } from '@ws/testing/service-app';
import type { JobsDatabase } from '../db/database';
import { JOBS_SERVICE, JobsModule } from '../jobs.module';
import { samplePostingDetails, samplePreferences, SPEC_NOW } from './samples';

/**
 * The jobs service in-process (see ServiceHarness) at a fixed clock, with notify's side of
 * verification codes played here: the codes it would have sent by SMS are kept for the test.
 */
export class JobsHarness extends ServiceHarness<JobsDatabase> {
  readonly codes: VerificationCodeRequest[] = [];
  private responder?: Responder;

  static async create(): Promise<JobsHarness> {
    const { config, database } = await testPlatformConfig(JOBS_SERVICE);
    const harness = new JobsHarness(config, database);
    harness.clock.set(SPEC_NOW);
    await harness.start();
    const nc = harness.app.get<BusConnection>(NATS);
    harness.responder = serveRequests<VerificationCodeRequest, VerificationCodeReply>(nc, verificationCodeSubject(config.node.code), async (request) => {
      harness.codes.push(request);
      return { status: 'sent' };
    });
    await nc.flush();
    return harness;
  }

  protected override module(): DynamicModule {
    return JobsModule.forRoot({ config: this.config, clock: this.clock, jobs: { sessionSecret: 'jobs-test-session-secret-0123456789abcdef', sweepIntervalMs: 3_600_000 } });
  }

  override async close(): Promise<void> {
    await this.responder?.stop();
    await super.close();
  }

  /** Asks for a registration code for `mobile` and returns it as the SMS would have carried it. */
  async registrationCode(mobile: string, account: 'seeker' | 'employer'): Promise<string> {
    const asked = await this.http('POST', '/accounts/codes', { body: { mobile, purpose: 'register', account } });
    if (asked.status !== 202) throw new Error(`code not issued: ${asked.status} ${JSON.stringify(asked.body)}`);
    return this.codes.filter((c) => c.mobile === mobile).at(-1)!.code;
  }

  /** A company registered, asked for review and approved by the street's officer. */
  async approvedEmployer(mobile: string, kind: 'company' | 'person' = 'company'): Promise<{ employerId: string; token: string }> {
    const code = await this.registrationCode(mobile, 'employer');
    const body = kind === 'company'
      ? { kind, name: '重庆某某家政服务有限公司', creditCode: '91350100M000100Y43', mobile, code, streetCode: this.street }
      : { kind, name: '王女士', mobile, code, streetCode: this.street };
    const registered = await this.http('POST', '/employers', { body });
    if (registered.status !== 201) throw new Error(`employer not registered: ${JSON.stringify(registered.body)}`);
    const employer = registered.body as { employerId: string; token: string };
    await this.http('POST', '/employers/me/review', { token: employer.token });
    const approved = await this.http('POST', `/employers/${employer.employerId}/approve`, { token: await this.token('street_officer', { street: this.street }) });
    if (approved.status !== 200) throw new Error(`employer not approved: ${JSON.stringify(approved.body)}`);
    return employer;
  }

  /** A posting drafted, submitted and approved: open (the posting body as the API takes it). */
  async openPosting(employerToken: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const { addressRef: _ref, ...details } = samplePostingDetails({ streetCode: this.street });
    const drafted = await this.http('POST', '/postings', { token: employerToken, body: { ...details, address: '江亭路社区5栋2单元', ...overrides } });
    if (drafted.status !== 201) throw new Error(`posting not drafted: ${JSON.stringify(drafted.body)}`);
    const { postingId } = drafted.body as { postingId: string };
    await this.http('POST', `/postings/${postingId}/submit`, { token: employerToken });
    const opened = await this.http('POST', `/postings/${postingId}/approve`, { token: await this.token('street_officer', { street: this.street }) });
    if (opened.status !== 200) throw new Error(`posting not opened: ${JSON.stringify(opened.body)}`);
    return postingId;
  }

  /** A seeker registered with a real-name check (a valid ID number) at `home`. */
  async registeredSeeker(mobile: string, options: { name?: string; home?: { lng: number; lat: number }; preferences?: Record<string, unknown> } = {}): Promise<{ seekerId: string; token: string }> {
    const code = await this.registrationCode(mobile, 'seeker');
    const registered = await this.http('POST', '/seekers', {
      body: {
        name: options.name ?? '庞秀英',
        idNumber: '11010519491231002X',
        mobile,
        code,
        home: options.home ?? { lng: 106.27, lat: 29.97 },
        preferences: { ...samplePreferences({ homeStreetCode: this.street }), ...options.preferences },
      },
    });
    if (registered.status !== 201) throw new Error(`seeker not registered: ${JSON.stringify(registered.body)}`);
    return registered.body as { seekerId: string; token: string };
  }

  /** Rows in the tables where a refused request must have left nothing. */
  async storedCounts(): Promise<{ events: number; vault: number }> {
    const events = await this.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const vault = await this.db.selectFrom('jobs_vault').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { events: Number(events.n), vault: Number(vault.n) };
  }
}
