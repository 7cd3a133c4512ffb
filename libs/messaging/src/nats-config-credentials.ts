import { createHmac } from 'node:crypto';
import { productionSecret } from '@ws/kernel';
import { leafUser, LOCAL_USER, type NatsCredentials } from './nats-config';

/**
 * The secret every node's nats-server passwords are derived from. Only for development: a
 * deployment sets FEDERATION_SECRET (and keeps the generated configs out of version control).
 */
export const DEV_FEDERATION_SECRET = 'waystation-dev-federation-secret';

export function federationSecret(env: NodeJS.ProcessEnv = process.env): { secret: string; isDevDefault: boolean } {
  const configured = env['FEDERATION_SECRET'];
  if (env['NODE_ENV'] === 'production') {
    return { secret: productionSecret('FEDERATION_SECRET', configured, 'the nats passwords of the federation derive from it', [DEV_FEDERATION_SECRET]), isDevDefault: false };
  }
  return configured ? { secret: configured, isDevDefault: false } : { secret: DEV_FEDERATION_SECRET, isDevDefault: true };
}

/**
 * Passwords derived from one secret, so a parent's config and its children's configs agree
 * without being written down anywhere else: HMAC-SHA256(secret, purpose:code), 32 hex digits.
 */
export class FederationCredentials {
  constructor(private readonly secret: string) {}

  /** What the child node `code` presents at its parent. */
  leaf(code: string): NatsCredentials {
    return { user: leafUser(code), password: this.derive('leafnode', code) };
  }

  /** The password of a node's local user (its operator: streams provisioning). */
  localPassword(code: string): string {
    return this.derive('local', code);
  }

  /** The node's operator user (`local`) with its password, to put in a URL (withNatsCredentials). */
  local(code: string): NatsCredentials {
    return { user: LOCAL_USER, password: this.localPassword(code) };
  }

  /** The password of a node's service user (tests' servers; the launcher generates its own under .run/secrets). */
  servicePassword(code: string, service: string): string {
    return this.derive(`service-${service}`, code);
  }

  private derive(purpose: string, code: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}:${code}`).digest('hex').slice(0, 32);
  }
}

/** Where a deployment's nats-server reads the `local` user's password from (deploy/nats/<code>.conf: `password: $NATS_LOCAL_PASSWORD`). */
export const LOCAL_PASSWORD_VARIABLE = 'NATS_LOCAL_PASSWORD';

/**
 * Where a tool serving several nodes of one host reads node `code`'s `local` password (compose's
 * stream bootstrap): every node has its own, so one node's operator password opens no other node.
 */
export const nodeLocalPasswordVariable = (code: string) => `NATS_${code}_LOCAL_PASSWORD`;

/**
 * A node's operator (`local`) for a deployment's tools (the compose stream bootstrap, the demo
 * loader): the password in NATS_<CODE>_LOCAL_PASSWORD (a tool serving several nodes) or
 * NATS_LOCAL_PASSWORD (a tool of one node), as the node's nats-server reads it; without either,
 * derived from FEDERATION_SECRET as the launcher's configs do.
 */
export function operatorCredentials(code: string, env: NodeJS.ProcessEnv = process.env): NatsCredentials {
  const password = env[nodeLocalPasswordVariable(code)] ?? env[LOCAL_PASSWORD_VARIABLE];
  return password ? { user: LOCAL_USER, password } : new FederationCredentials(federationSecret(env).secret).local(code);
}
