import {
  contactLookupSubject,
  handoverSubject,
  ownEventPrefix,
  PROOF_OWNERS,
  RECIPIENT_OWNERS,
  recipientProofSubject,
  REPORT_FIGURE_SERVICES,
  reportFiguresSubject,
  verificationCodeSubject,
  type NodeRef,
} from '@ws/contracts';
import { nodeInboxPrefix } from './nats-config';
import { retiredDurablesOf } from './retired-consumers';
import { DEFAULT_STREAM_NAMES, ownDirectiveFilter, type StreamNames } from './streams';

/** The processes of a node that connect to its nats-server, each as its own user. */
export const BUS_SERVICES = ['stations', 'membership', 'wishes', 'dispatch', 'identity', 'notify', 'jobs', 'dashboard'] as const;
export type BusService = (typeof BUS_SERVICES)[number];

/** The nats user of one service of a node (on that node's own server). */
export function serviceUser(service: BusService): string {
  return `svc-${service}`;
}

/**
 * Where a service's replies come back: under its node's inbox prefix (a parent routes replies to
 * a node by it), one level more, so that a service reads only the replies to its own requests.
 */
export function serviceInboxPrefix(code: string, service: string): string {
  return `${nodeInboxPrefix(code)}.${service}`;
}

/** The core-NATS requests a service answers (`serves`) and sends (`calls`) on its node's server. */
interface CoreRequests {
  serves: string[];
  calls: string[];
}

const unique = (values: string[]) => [...new Set(values)];
/** The services that keep people's contacts and answer notify (libs/contracts/notify). */
const personalDataOwners = () => unique([...Object.values(RECIPIENT_OWNERS), ...Object.values(PROOF_OWNERS)]);
/** What every owner of people's contacts answers: notify's contact look-ups and proofs, and its report figures. */
const ownerServes = (code: string, service: (typeof REPORT_FIGURE_SERVICES)[number]) => [
  contactLookupSubject(code, service),
  recipientProofSubject(code, service),
  reportFiguresSubject(code, service),
];

/**
 * The core requests of each service, from the contracts' subject helpers. A service whose row
 * changes here changes what its nats user may do: a request subject a service starts to use
 * without a line here is refused by its node's server (Permissions Violation in its log).
 */
function coreRequestsOf(code: string, service: BusService): CoreRequests {
  switch (service) {
    case 'stations':
      // It assembles the node's report from each owner's figures.
      return { serves: [], calls: REPORT_FIGURE_SERVICES.map((owner) => reportFiguresSubject(code, owner)) };
    case 'membership':
      // Join applications send an SMS code through notify; a transfer's target asks the source node (any node) for the member's data.
      return { serves: [...ownerServes(code, 'membership'), handoverSubject(code)], calls: [verificationCodeSubject(code), handoverSubject('*')] };
    case 'wishes':
      return { serves: ownerServes(code, 'wishes'), calls: [] };
    case 'dispatch':
      // Volunteers sign in by an SMS code sent through notify.
      return { serves: ownerServes(code, 'dispatch'), calls: [verificationCodeSubject(code)] };
    case 'notify':
      return {
        serves: [verificationCodeSubject(code)],
        calls: personalDataOwners().flatMap((owner) => [contactLookupSubject(code, owner), recipientProofSubject(code, owner)]),
      };
    case 'jobs':
      // Seekers and employers sign in by SMS code; it answers notify for seekers (精准推送) and its figures for the node's report.
      return { serves: ownerServes(code, 'jobs'), calls: [verificationCodeSubject(code)] };
    case 'identity':
    case 'dashboard':
      return { serves: [], calls: [] };
    default: {
      const unknown: never = service;
      throw new Error(`no bus permissions for ${String(unknown)}`);
    }
  }
}

export interface ServicePermissions {
  publish: string[];
  subscribe: string[];
  /** Lets the service answer the requests it receives (on their reply subjects) and nothing else there. */
  allowResponses: boolean;
}

/**
 * What one service of `node` may do on its node's nats-server:
 *
 * - publish its own context's events and directives on its node's own tokens
 *   (`evt.<node>.<service>.>`, `dir.<node>.<service>.>`: the context of a service's events is its
 *   name) — the dashboard publishes none;
 * - use the JetStream API only to read the node's EVT and DIR: stream info and names, single
 *   messages, and ephemeral consumers on those two streams (create by name, info, next, ack) —
 *   never a stream's creation, update, purge or deletion, nor any other stream; the launcher or
 *   the deployment's streams job provisions the streams with the node's `local` user;
 * - delete no consumer but its own retired durables (RETIRED_DURABLES, by their exact names), and
 *   neither list consumers nor call the durable-create API: so no service can stop another's
 *   reader. (CREATE.<stream>.<name> can still make a durable whose body names it so: permissions
 *   see no body; docs/ARCHITECTURE.md, known weak points.) Its readers are nats.js ordered consumers, named `<random nuid>_<n>`, which it cannot
 *   learn of another service (no list, no names, replies only on its own inbox) and which the
 *   server removes 5 minutes after their last pull (the client's `inactive_threshold`);
 * - send the core requests it calls and take the ones it serves (coreRequestsOf), answering on
 *   their reply subjects only (allow_responses);
 * - receive on its own inbox (serviceInboxPrefix): its JetStream answers and deliveries and the
 *   replies to its requests.
 *
 * Consumer info stays by any name: the client asks its own consumer's info after a reconnect or
 * missed heartbeats and, refused, would retry that forever instead of reading on.
 */
export function servicePermissions(node: NodeRef, service: BusService, streams: StreamNames = DEFAULT_STREAM_NAMES): ServicePermissions {
  const requests = coreRequestsOf(node.code, service);
  const streamNames = [streams.evt, streams.dir];
  const publishesEvents = service !== 'dashboard';
  return {
    publish: [
      ...(publishesEvents ? [`${ownEventPrefix(node)}.${service}.>`, `${ownDirectiveFilter(node).slice(0, -2)}.${service}.>`] : []),
      '$JS.API.INFO',
      '$JS.API.STREAM.NAMES',
      ...streamNames.flatMap((stream) => [
        `$JS.API.STREAM.INFO.${stream}`,
        // A projection reads a stream's last sequence and single messages by sequence or subject.
        `$JS.API.STREAM.MSG.GET.${stream}`,
        // nats.js names every consumer it creates: CREATE.<stream>.<name>[.<filter>] (2.9's API).
        `$JS.API.CONSUMER.CREATE.${stream}.>`,
        `$JS.API.CONSUMER.INFO.${stream}.*`,
        `$JS.API.CONSUMER.MSG.NEXT.${stream}.*`,
        `$JS.ACK.${stream}.>`,
      ]),
      ...retiredDurablesOf(service).map((durable) => `$JS.API.CONSUMER.DELETE.${streams.evt}.${durable}`),
      ...requests.calls,
    ],
    subscribe: [`${serviceInboxPrefix(node.code, service)}.>`, ...requests.serves],
    allowResponses: requests.serves.length > 0,
  };
}
