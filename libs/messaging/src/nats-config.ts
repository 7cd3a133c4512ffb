import { handoverSubject, type NodeRef } from '@ws/contracts';
import { federationDeliverPrefix, jetStreamDomain } from './streams';
import { servicePermissions, serviceUser, type BusService } from './service-permissions';

/** Credentials one nats-server presents to another. */
export interface NatsCredentials {
  user: string;
  password: string;
}

/**
 * A password in a node's config: the value itself (the launcher's files under .run/), or the
 * environment variable nats-server reads it from when it starts (`password: $NAME`: a deployment's
 * committed config, which holds no secret). nats-server parses the variable's value as a config
 * value: it must not look like a number (all digits, or digits with a size suffix such as 12k).
 */
export type NatsPassword = string | { env: string };

/** A child node allowed to connect to this node as a leafnode. */
export interface LeafChild {
  code: string;
  /** Default `n<code>`. */
  domain?: string;
  password: NatsPassword;
  /**
   * The node codes of the child's subtree, the child itself included: core requests to them
   * (the membership handover) and replies to their requests travel down the child's link.
   * Default: the child alone.
   */
  subtree?: string[];
}

export interface NatsConfigInput {
  node: NodeRef;
  /** Client port. */
  port: number;
  /** Port where child nodes' servers connect as leafnodes. */
  leafPort: number;
  storeDir: string;
  /**
   * The parent node's leafnode URL (nats-leaf://host:port); none at a province. Or the environment
   * variable holding the whole URL with this node's credentials in it (nats-leaf://user:password@host:port):
   * nats-server 2.9 takes a remote's user and password only in its URL, and reads a variable
   * only as a whole value, never inside a string.
   */
  parentLeafUrl?: string | { env: string };
  /** What this node presents to its parent (see leafUser), put in parentLeafUrl (a URL, not a variable); without them the parent refuses the link. */
  parentCredentials?: NatsCredentials;
  /**
   * Subjects kept off the link to the parent as core messages, both ways (default
   * LEAF_DENIED_SUBJECTS). The parent enforces its own rules whatever a child sets here.
   */
  parentDeny?: string[];
  /** JetStream domain, conventionally `n<code>`: a parent sources this node's EVT via $JS.<domain>.API. */
  domain: string;
  /** The children that may connect as leafnodes, each with its own user and permissions. */
  children?: LeafChild[];
  /**
   * Password of the node's local user: the node's operator (the launcher, the deployment's
   * streams job, tests) provisioning its streams. It cannot be used for a leafnode link. There is
   * no anonymous user: a client without credentials is refused.
   */
  localPassword: NatsPassword;
  /** The node's services, each logging in as its own user with servicePermissions. */
  services?: ServiceCredential[];
  /** TLS of the leafnode links (this node's listener and its link to the parent); none: plain. */
  leafTls?: LeafTlsFiles;
  /**
   * TLS of the client port: the certificate the node's services verify (against the CA in their
   * NATS_CA_FILE) before they send their password; a client that does not speak TLS is refused.
   * None: plain (throw-away test servers).
   */
  clientTls?: ServerTlsFiles;
  /** Interface to listen on (default 0.0.0.0). */
  host?: string;
  /** Monitoring port (/varz, /jsz); none if omitted. */
  httpPort?: number;
}

/** A service of the node and the password of its nats user. */
export interface ServiceCredential {
  service: BusService;
  /** The password, or the environment variable nats-server reads it from when it starts (a deployment's config). */
  password: NatsPassword;
}

/**
 * The files of a node's leafnode TLS (PEM): the federation's CA, which both ends verify the
 * other's certificate against, and the node's own certificate and key, which it presents as the
 * listener to its children and as the client of its link to its parent.
 */
export interface LeafTlsFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
}

/** What a TLS listener presents (PEM): its certificate and key. */
export type ServerTlsFiles = Pick<LeafTlsFiles, 'certFile' | 'keyFile'>;

/** Subjects that never cross a leafnode link as core messages. */
export const LEAF_DENIED_SUBJECTS = ['evt.>', 'dir.>'];

export const LOCAL_USER = 'local';

/**
 * Where nats-server maps a connection that presents no credentials: a user valid only for MQTT,
 * which no node serves, so such a client and such a leafnode are refused. It has no password
 * (none would protect anything: with or without one, the user cannot connect; measured). Without any
 * no_auth_user, nats-server 2.9.10 admits a leafnode without credentials into the account with
 * no permissions at all (measured); with `local` as before, a client without credentials was the
 * node's operator.
 */
export const REFUSED_USER = 'refused';

/** The user a child node's server logs in as at its parent. */
export function leafUser(code: string): string {
  return `leaf-n${code}`;
}

/**
 * The inbox prefix of a node's connections: replies to its core requests come back on
 * `_INBOX.n<code>.…`, so a parent lets each child's link receive only its own replies.
 */
export function nodeInboxPrefix(code: string): string {
  return `_INBOX.n${code}`;
}

/**
 * What a child's link may do at its parent, from the child's side: `publish` is what it may
 * send into the parent, `subscribe` what the parent may send down to it. Anything else is
 * dropped, and the parent tells the child its permissions, so the child keeps it back too. The
 * parent propagates interest (its subscriptions) only on subjects the child may publish, so a
 * reply can only come up on a subject listed here: `allow_responses` does not work on a link.
 * Measured on nats-server 2.9.10 (nats-config.int.spec.ts):
 *
 * - the parent sources the child's EVT: consumer-create requests to `$JS.n<child>.API.>`
 *   (down), the child's answers on `$JSC.R.<id>` (up), the deliveries on `fed.n<child>.evt.…`
 *   (up; the per-child deliver prefix set by ensureNodeStreams), the parent's flow-control
 *   answers on `$JS.FC.EVT.>` (down);
 * - the child sources the parent's DIR: requests to `$JS.n<parent>.API.CONSUMER.CREATE.DIR.>`
 *   (up; nothing else of the parent's JetStream API), answers on `$JSC.R.<id>` (down),
 *   deliveries on `$JS.S.<id>` (down: the server's default prefix, see federationDeliverPrefix;
 *   on a parent it only carries the DIR deliveries to its children), the child's flow-control
 *   answers on `$JS.FC.DIR.>` (up);
 * - the membership handover over core NATS: requests to any node (`pii.*.membership.handover`,
 *   up) and to the nodes of the child's subtree (down); replies to the subtree's requests on
 *   `_INBOX.n<code>.>` (down, see nodeInboxPrefix), replies to others' requests (`_INBOX.>`,
 *   up: a reply subject is the requester's choice; only someone who saw the request knows it).
 */
export function leafPermissions(parentDomain: string, child: LeafChild): { publish: string[]; subscribe: string[] } {
  const domain = jetStreamDomain(child.code, child.domain);
  const subtree = child.subtree ?? [child.code];
  return {
    publish: [
      `$JS.${parentDomain}.API.CONSUMER.CREATE.DIR.>`,
      '$JSC.R.*',
      `${federationDeliverPrefix(domain)}.>`,
      '$JS.FC.DIR.>',
      handoverSubject('*'),
      '_INBOX.>',
    ],
    subscribe: [
      `$JS.${domain}.API.>`,
      '$JSC.R.*',
      '$JS.S.*',
      '$JS.FC.EVT.>',
      ...subtree.map(handoverSubject),
      ...subtree.map((code) => `${nodeInboxPrefix(code)}.>`),
    ],
  };
}

const str = (value: string) => JSON.stringify(value);
const list = (values: string[]) => `[${values.map(str).join(', ')}]`;

/**
 * The nats-server configuration of one node.
 *
 * Authentication: every connection is a user of the node's one account; a connection without
 * credentials is refused (REFUSED_USER). Each service of the node logs in as its own `svc-<service>` user with the permissions of
 * servicePermissions; the node's operator as `local` (streams provisioning), which is refused on
 * leafnode links. Each child logs in with its own `leaf-n<code>` user, valid only for a leafnode
 * link, with the permissions of leafPermissions: it can neither publish into nor read another
 * node's subjects. With leafTls, the links are TLS both ways: a child must present a certificate
 * of the federation's CA (verify) besides its password, and checks its parent's. With clientTls,
 * the client port takes only TLS connections, so no password crosses the network in clear.
 *
 * The leafnode link to the parent denies core `evt.>` and `dir.>` both ways: events go up and
 * directives down only through stream sourcing. Otherwise the parent's subtree-wide EVT
 * subjects would also capture the child's core publishes and store every event twice.
 */
export function renderNatsConfig(input: NatsConfigInput): string {
  const host = input.host ?? '0.0.0.0';
  const lines = [
    `# ${input.node.name} (${input.node.code}), ${input.node.level} node`,
    `server_name: ${str(input.domain)}`,
    `host: ${str(host)}`,
    `port: ${input.port}`,
    ...(input.httpPort !== undefined ? [`http_port: ${input.httpPort}`] : []),
    ...(input.clientTls ? ['', '# the client port speaks TLS only: a client checks this certificate before it logs in', ...clientTlsLines(input.clientTls)] : []),
    '',
    'jetstream {',
    `  store_dir: ${str(input.storeDir)}`,
    `  domain: ${str(input.domain)}`,
    '}',
    '',
    '# a connection without credentials becomes a user that may not connect: refused (see REFUSED_USER)',
    `no_auth_user: ${str(REFUSED_USER)}`,
    'authorization {',
    '  # seconds a client has to log in after connecting (default 2): a compact node\'s services',
    '  # connect while the process is still loading its neighbours, on a small shared server',
    '  timeout: 10',
    '  users: [',
    `    { user: ${str(REFUSED_USER)}, allowed_connection_types: ["MQTT"] }`,
    `    { user: ${str(LOCAL_USER)}, password: ${passwordValue(input.localPassword)}, allowed_connection_types: ["STANDARD"] }`,
    ...(input.services ?? []).flatMap((credential) => serviceUserLines(input.node, credential)),
    ...(input.children ?? []).flatMap((child) => leafUserLines(input.domain, child)),
    '  ]',
    '}',
    '',
    'leafnodes {',
    `  host: ${str(host)}`,
    `  port: ${input.leafPort}`,
    ...(input.leafTls ? tlsLines('  ', input.leafTls, true) : []),
  ];
  if (input.parentLeafUrl) {
    const deny = list(input.parentDeny ?? LEAF_DENIED_SUBJECTS);
    lines.push(
      '  remotes: [',
      '    {',
      ...(typeof input.parentLeafUrl === 'string'
        ? [`      url: ${str(withCredentials(input.parentLeafUrl, input.parentCredentials))}`]
        : ['      # the parent\'s leafnode URL with this node\'s user and password in it', `      url: ${variableReference(input.parentLeafUrl.env)}`]),
      '      # events and directives cross only by stream sourcing, never as core messages',
      `      deny_imports: ${deny}`,
      `      deny_exports: ${deny}`,
      ...(input.leafTls ? tlsLines('      ', input.leafTls, false) : []),
      '    }',
      '  ]',
    );
  }
  lines.push('}', '');
  return lines.join('\n');
}

function serviceUserLines(node: NodeRef, credential: ServiceCredential): string[] {
  const permissions = servicePermissions(node, credential.service);
  return [
    `    # ${credential.service} of this node`,
    '    {',
    `      user: ${str(serviceUser(credential.service))}, password: ${passwordValue(credential.password)}, allowed_connection_types: ["STANDARD"]`,
    '      permissions: {',
    `        publish: { allow: ${list(permissions.publish)} }`,
    `        subscribe: { allow: ${list(permissions.subscribe)} }`,
    ...(permissions.allowResponses ? ['        allow_responses: true'] : []),
    '      }',
    '    }',
  ];
}

/** A password, or a reference `$NAME` that nats-server resolves from its environment. */
function passwordValue(password: NatsPassword): string {
  return typeof password === 'string' ? str(password) : variableReference(password.env);
}

function variableReference(name: string): string {
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`not an environment variable name: ${name}`);
  return `$${name}`;
}

/**
 * A tls block: the listener verifies its clients' certificates (verify: a child without a
 * certificate of the CA is refused during the handshake); a remote checks its parent's
 * certificate against the CA and the host of its URL.
 */
function tlsLines(indent: string, files: LeafTlsFiles, listener: boolean): string[] {
  return [
    `${indent}tls {`,
    `${indent}  cert_file: ${str(files.certFile)}`,
    `${indent}  key_file: ${str(files.keyFile)}`,
    `${indent}  ca_file: ${str(files.caFile)}`,
    ...(listener ? [`${indent}  verify: true`] : []),
    `${indent}  timeout: 5`,
    `${indent}}`,
  ];
}

/** The client port's tls block: no client certificates asked for (services log in with their password). */
function clientTlsLines(files: ServerTlsFiles): string[] {
  return ['tls {', `  cert_file: ${str(files.certFile)}`, `  key_file: ${str(files.keyFile)}`, '  timeout: 5', '}'];
}

function leafUserLines(parentDomain: string, child: LeafChild): string[] {
  const permissions = leafPermissions(parentDomain, child);
  return [
    `    # child node ${child.code}`,
    `    {`,
    `      user: ${str(leafUser(child.code))}, password: ${passwordValue(child.password)}, allowed_connection_types: ["LEAFNODE"]`,
    '      permissions: {',
    `        publish: { allow: ${list(permissions.publish)} }`,
    `        subscribe: { allow: ${list(permissions.subscribe)} }`,
    '      }',
    '    }',
  ];
}

function withCredentials(url: string, credentials: NatsCredentials | undefined): string {
  if (!credentials) return url;
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(credentials.user);
  parsed.password = encodeURIComponent(credentials.password);
  return parsed.toString().replace(/\/$/, '');
}
