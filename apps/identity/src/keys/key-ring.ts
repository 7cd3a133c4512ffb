import { statSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Kysely, sql } from 'kysely';
import { ACCESS_TOKEN_MAX_SECONDS, IDENTITY_DIRECTIVE_SCHEMAS, identityDirectiveSubject } from '@ws/contracts';
import type { EventEnvelope, IdentityDirective, PublicSigningKey, SigningKeysAnnounced } from '@ws/contracts';
import { eventHeaders } from '@ws/eventstore';
import { CLOCK, derivedId } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { CommandRunner, DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { keyringAggregate } from '../aggregates';
import type { IdentityDatabase } from '../db/database';
import { IDENTITY_CONFIG } from '../identity.config';
import type { IdentityConfig } from '../identity.config';
import { ensureSigningKeyFile, newSigningJwk, prependSigningKey, readSigningKeys } from './signing-key-file';
import type { PrivateSigningJwk } from './signing-key-file';
import { identityError } from '../identity.errors';

/** A key new to the node is announced this long before it signs, so verifiers below have it first. */
export const KEY_ACTIVATION_SECONDS = 60;
/** How long an announced key is good for when nothing replaces it (announced again at every start). */
const KEY_HORIZON_DAYS = 400;

/**
 * The node's signing keys: read from IDENTITY_SIGNING_KEY_FILE (or one made for this process
 * in development), each given a window of issue times, and announced down the DIR stream
 * (SigningKeysAnnounced) before it signs. A rotation puts a new key first: it is announced at
 * once, signs after KEY_ACTIVATION_SECONDS, and the old key stays announced until the last
 * token it signed has expired.
 */
@Injectable()
export class KeyRing {
  private readonly log = new Logger('KeyRing');
  private keys: PrivateSigningJwk[] = [];
  private windows = new Map<string, { notBefore: Date; notAfter: Date | null }>();

  constructor(
    @Inject(DB) private readonly db: Kysely<IdentityDatabase>,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: CommandRunner,
  ) {}

  /** Reads the keys, records the new ones, announces them. Called before the provider exists. */
  async load(): Promise<void> {
    if (this.config.signingKeyFile) {
      // A node's first start makes its key in its secret store; every later start reads it.
      if (await ensureSigningKeyFile(this.config.signingKeyFile)) this.log.log(`a new signing key was made in ${this.config.signingKeyFile}`);
      this.keys = await readSigningKeys(this.config.signingKeyFile);
    } else {
      this.log.warn('IDENTITY_SIGNING_KEY_FILE is not set: tokens are signed with a key made for this process (never in production)');
      this.keys = [await newSigningJwk()];
    }
    await this.record();
    await this.announce();
  }

  /** Private JWKs for the provider's keystore. */
  jwks(): PrivateSigningJwk[] {
    return this.keys;
  }

  /** The key that signs now: the newest whose window has opened. */
  signingKid(): string {
    const now = this.clock.now();
    const usable = this.keys.find((key) => this.windows.get(key.kid)!.notBefore <= now);
    return (usable ?? this.keys[this.keys.length - 1]!).kid;
  }

  /** Each key's window of issue times, newest first, and whether it is the one signing now. */
  windowsOfKeys(): Array<{ kid: string; notBefore: string; notAfter: string | null; signing: boolean }> {
    const signing = this.signingKid();
    return this.keys.map((key) => {
      const window = this.windows.get(key.kid)!;
      return { kid: key.kid, notBefore: window.notBefore.toISOString(), notAfter: window.notAfter?.toISOString() ?? null, signing: key.kid === signing };
    });
  }

  /** A new key first in the file: announced now, signing after the activation delay. */
  async rotate(): Promise<string> {
    if (!this.config.signingKeyFile) throw identityError('no_signing_key_file', '本节点未配置签名密钥文件（IDENTITY_SIGNING_KEY_FILE），无法轮换');
    const key = await newSigningJwk();
    await prependSigningKey(this.config.signingKeyFile, key);
    this.keys = await readSigningKeys(this.config.signingKeyFile);
    await this.record();
    await this.announce();
    return key.kid;
  }

  /**
   * Gives a key seen for the first time its window: from now if the node has no other key,
   * else from the activation delay on. Older keys close their window when the newest opens,
   * plus the longest token life.
   */
  private async record(): Promise<void> {
    const now = this.clock.now();
    const [newest, ...older] = this.keys;
    await this.db.transaction().execute(async (trx) => {
      const known = await trx.selectFrom('signing_keys').select('kid').execute();
      // A node's first key is good from when it was made (the launcher announces it from then
      // too); a later one opens after the activation delay.
      const opensAt = known.length === 0 ? this.madeAt(now) : new Date(now.getTime() + KEY_ACTIVATION_SECONDS * 1000);
      for (const key of [...older].reverse()) {
        await trx.insertInto('signing_keys').values({ kid: key.kid, public_jwk: JSON.stringify(publicJwk(key)), not_before: now, not_after: null }).onConflict((oc) => oc.column('kid').doNothing()).execute();
      }
      await trx.insertInto('signing_keys').values({ kid: newest!.kid, public_jwk: JSON.stringify(publicJwk(newest!)), not_before: opensAt, not_after: null }).onConflict((oc) => oc.column('kid').doNothing()).execute();
      const newestRow = await trx.selectFrom('signing_keys').select('not_before').where('kid', '=', newest!.kid).executeTakeFirstOrThrow();
      if (older.length > 0) {
        const closesAt = new Date(newestRow.not_before.getTime() + ACCESS_TOKEN_MAX_SECONDS * 1000);
        await trx.updateTable('signing_keys').set({ not_after: sql`coalesce(not_after, ${closesAt})` }).where('kid', 'in', older.map((key) => key.kid)).execute();
      }
      await trx.updateTable('signing_keys').set({ not_after: null }).where('kid', '=', newest!.kid).execute();
    });
    const rows = await this.db.selectFrom('signing_keys').selectAll().where('kid', 'in', this.keys.map((key) => key.kid)).execute();
    this.windows = new Map(rows.map((row) => [row.kid, { notBefore: row.not_before, notAfter: row.not_after }]));
  }

  private madeAt(now: Date): Date {
    if (!this.config.signingKeyFile) return now;
    const modified = statSync(this.config.signingKeyFile).mtime;
    return modified < now ? modified : now;
  }

  /** SigningKeysAnnounced on the node's keyring stream, and the same envelope down the DIR. */
  private async announce(): Promise<void> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + KEY_HORIZON_DAYS * 86_400_000);
    const keys: PublicSigningKey[] = this.keys
      .map((key) => ({ key, window: this.windows.get(key.kid)! }))
      .filter(({ window }) => window.notAfter === null || window.notAfter > now)
      .map(({ key, window }) => ({ kid: key.kid, jwk: publicJwk(key), notBefore: window.notBefore.toISOString(), notAfter: (window.notAfter ?? horizon).toISOString() }));
    const node = this.platform.node;
    const announced: SigningKeysAnnounced = { type: 'SigningKeysAnnounced', data: { node: node.code, issuer: this.config.issuer, keys } };
    await this.commands.run(keyringAggregate, node.code, { type: 'AnnounceKeys', announcement: announced.data }, {
      meta: { actor: 'system' },
      afterAppend: async (trx, written) => {
        await trx.insertInto('outbox').values(written.map((event) => directiveRow(node, event, announced))).execute();
      },
    });
  }
}

export function publicJwk(key: PrivateSigningJwk): PublicSigningKey['jwk'] {
  return { kty: 'OKP', crv: 'Ed25519', x: key.x, kid: key.kid, alg: 'EdDSA', use: 'sig' };
}

/**
 * The outbox row that carries an identity directive down the node's DIR, caused by one of the
 * service's events (its own id, derived: the outbox and streams deduplicate by id).
 */
export function directiveRow(node: PlatformConfig['node'], cause: EventEnvelope, directive: IdentityDirective) {
  const envelope: EventEnvelope = {
    ...cause,
    eventId: derivedId(cause.eventId, 'dir'),
    type: directive.type,
    schema: IDENTITY_DIRECTIVE_SCHEMAS[directive.type],
    data: directive.data,
  };
  return {
    event_id: envelope.eventId,
    subject: identityDirectiveSubject(node, directive.type, envelope.eventId),
    headers: JSON.stringify(eventHeaders(envelope)),
    payload: JSON.stringify(envelope),
    stream_id: envelope.streamId,
  };
}
