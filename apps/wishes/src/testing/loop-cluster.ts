import type { StationRegistered } from '@ws/contracts';
import { ProcessNode, type ProcessNodeOptions } from '@ws/testing/process-federation';
import { stationAnnouncement } from './station-announcement';

/**
 * The wishes and dispatch services (and notify and membership, for the notification tests) as
 * built processes on one synthetic node with its own streams and databases (@ws/testing's
 * ProcessNode): for the e2e loop test, the demo loaders' test and the benchmarks. What this adds
 * is the loop's driver: stations announced on the stream as the stations context would announce
 * them, volunteers registered and logged in through dispatch.
 */

export type LoopService = 'wishes' | 'dispatch' | 'notify' | 'membership';

/**
 * How long a wait on the cluster's processes may take (`eventually`'s `timeoutMs`): a restarted
 * service catches up on the stream before it answers anew, on a busy machine tens of seconds.
 */
export const LOOP_TIMEOUT_MS = 90_000;

export const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' }));

export class LoopCluster extends ProcessNode<LoopService> {
  /** Mobiles must be unique per dispatch database; a random base keeps reruns apart too. */
  private readonly mobileBase = Math.floor(Math.random() * 50_000_000);
  private volunteers = 0;

  constructor(options: Omit<ProcessNodeOptions<LoopService>, 'natsUrl' | 'streams' | 'faultProxies'> = {}) {
    super(options);
  }

  get street(): string {
    return `${this.code}001`;
  }

  get otherStreet(): string {
    return `${this.code}002`;
  }

  /** The stations context announcing a station on the node's stream. */
  async registerStation(overrides: Partial<StationRegistered['data']> = {}): Promise<StationRegistered['data']> {
    const data = stationAnnouncement(this.street, overrides);
    await this.publish('stations', 'station', data.stationId, 'StationRegistered', data);
    return data;
  }

  /** Registers a volunteer through dispatch's API and logs them in. */
  async volunteer(skill: string, homeStreet = this.street, options: { smsConsent?: boolean } = {}): Promise<{ volunteerId: string; token: string; mobile: string }> {
    const officer = await this.token('district_officer');
    const mobile = `139${String(this.mobileBase + ++this.volunteers).padStart(8, '0')}`;
    const registered = await this.ok('dispatch', 'POST', '/volunteers', {
      token: officer,
      body: { name: '测试志愿者', mobile, type: 'party_member', skills: [{ skill, certificateRef: `cert-${this.volunteers}` }], homeStreet, availability: ALL_WEEK, ...options },
    });
    const session = await this.ok('dispatch', 'POST', '/volunteer-sessions', { body: { volunteerId: registered.volunteerId, accessCode: registered.accessCode } });
    return { volunteerId: registered.volunteerId, token: session.token, mobile };
  }
}
