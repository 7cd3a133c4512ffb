import { Body, Controller, Get, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Interaction } from 'oidc-provider';
import { Kysely } from 'kysely';
import { toDataURL } from 'qrcode';
import { CLOCK, DomainError, Public } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { AccountCommands } from '../accounts/account-commands';
import { isLocked, lockedError } from '../accounts/account.decider';
import { decoyHash, newTotpSecret, totpUri, verifyPassword, verifyTotp } from '../accounts/credentials';
import type { IdentityDatabase, SignInsTable } from '../db/database';
import { IDENTITY_CONFIG } from '../identity.config';
import type { IdentityConfig } from '../identity.config';
import { IDENTITY_ERRORS } from '../identity.errors';
import { CONSOLE_CLIENT_ID } from './console-client';
import { OIDC_PREFIX, OidcService } from './oidc.service';
import { UpstreamLogin } from './upstream-login';
import { changePasswordPage, enrolTotpPage, errorPage, signInPage, totpPage } from './pages';

type Form = Record<string, string | undefined>;
type Stage = SignInsTable['stage'];

const WRONG_CREDENTIALS = '用户名或密码错误';

/**
 * The sign-in an interaction of the provider asks for, one step a page: password, then the
 * TOTP code (or enrolling an authenticator the first time), then a new password when the
 * account must change it. Each wrong password or code counts towards the lock.
 */
@ApiExcludeController()
@Public()
@Controller(`${OIDC_PREFIX.slice(1)}/interaction`)
export class SignInController {
  constructor(
    private readonly oidc: OidcService,
    private readonly accounts: AccountCommands,
    @Inject(DB) private readonly db: Kysely<IdentityDatabase>,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly upstreamLogin: UpstreamLogin,
  ) {}

  private readonly log = new Logger('SignIn');

  @Get(':uid')
  async show(@Param('uid') uid: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const details = await this.interaction(request, reply);
    if (!details) return;
    if (details.prompt.name === 'consent') return this.consent(details, request, reply);
    const progress = await this.progress(uid);
    await this.render(reply, uid, progress?.stage);
  }

  @Post(':uid/login')
  async login(@Param('uid') uid: string, @Body() form: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.interaction(request, reply))) return;
    const userName = (form['userName'] ?? '').trim().toLowerCase();
    const password = form['password'] ?? '';
    const account = await this.db.selectFrom('accounts').innerJoin('credentials', 'credentials.account_id', 'accounts.account_id').selectAll().where((eb) => eb(eb.fn('lower', ['user_name']), '=', userName)).executeTakeFirst();
    if (!account) {
      await verifyPassword(await decoyHash(), password); // as slow as for a real account
      return this.send(reply, 401, signInPage(this.action(uid, 'login'), this.platform.node.name, WRONG_CREDENTIALS, userName, this.upstreamLink(uid)));
    }
    const state = await this.accounts.load(account.account_id);
    const now = this.clock.now();
    if (state.disabled) return this.send(reply, 403, signInPage(this.action(uid, 'login'), this.platform.node.name, '账号已停用，请联系上级管理员', userName, this.upstreamLink(uid)));
    if (isLocked(state, now)) return this.send(reply, 423, signInPage(this.action(uid, 'login'), this.platform.node.name, lockedError(state, now).message, userName, this.upstreamLink(uid)));
    if (!(await verifyPassword(account.password_hash, password))) {
      const { state: after } = await this.accounts.recordSignIn(account.account_id, 'bad_password');
      const message = isLocked(after, now) ? lockedError(after, now).message : `${WRONG_CREDENTIALS}（再错 ${this.config.lockout.maxFailures - after.failures} 次将锁定 ${this.config.lockout.lockMinutes} 分钟）`;
      return this.send(reply, isLocked(after, now) ? 423 : 401, signInPage(this.action(uid, 'login'), this.platform.node.name, message, userName, this.upstreamLink(uid)));
    }
    const needsTotp = this.needsTotp(account.role);
    const next: Stage | undefined = needsTotp ? (state.totpEnrolled ? 'totp' : 'enrol') : state.mustChangePassword ? 'password' : undefined;
    if (!next) return this.finish(uid, account.account_id, request, reply);
    const pending = next === 'enrol' ? this.accounts.sealPending(uid, newTotpSecret()) : null;
    const expires = new Date(now.getTime() + 30 * 60_000);
    await this.db
      .insertInto('sign_ins')
      .values({ uid, account_id: account.account_id, stage: next, pending_totp: pending, expires_at: expires })
      .onConflict((oc) => oc.column('uid').doUpdateSet({ account_id: account.account_id, stage: next, pending_totp: pending, expires_at: expires }))
      .execute();
    reply.redirect(`${OIDC_PREFIX}/interaction/${uid}`, 303);
  }

  /** Sign-in at the upstream provider instead of the password (when the node trusts one). */
  @Get(':uid/upstream')
  async upstream(@Param('uid') uid: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.interaction(request, reply))) return;
    try {
      reply.redirect(await this.upstreamLogin.start(uid), 303);
    } catch (error) {
      this.log.warn(`upstream sign-in not started: ${error instanceof Error ? error.message : String(error)}`);
      this.send(reply, 502, signInPage(this.action(uid, 'login'), this.platform.node.name, `暂时无法连接${this.config.upstream?.name ?? '统一身份认证'}，请稍后再试或使用密码登录`, '', this.upstreamLink(uid)));
    }
  }

  /** Back from the upstream provider (through /oidc/upstream/callback): the account it proved signs in. */
  @Get(':uid/upstream/done')
  async upstreamDone(@Param('uid') uid: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.interaction(request, reply))) return;
    const accountId = await this.upstreamLogin.provedFor(uid);
    if (!accountId) return this.send(reply, 400, signInPage(this.action(uid, 'login'), this.platform.node.name, '登录请求已过期或无效，请重新登录', '', this.upstreamLink(uid)));
    const state = await this.accounts.load(accountId);
    const now = this.clock.now();
    if (state.disabled) return this.send(reply, 403, signInPage(this.action(uid, 'login'), this.platform.node.name, '账号已停用，请联系上级管理员', '', this.upstreamLink(uid)));
    if (isLocked(state, now)) return this.send(reply, 423, signInPage(this.action(uid, 'login'), this.platform.node.name, lockedError(state, now).message, '', this.upstreamLink(uid)));
    return this.finish(uid, accountId, request, reply, ['fed']);
  }

  @Post(':uid/totp')
  async totp(@Param('uid') uid: string, @Body() form: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.interaction(request, reply))) return;
    const progress = await this.progress(uid);
    if (!progress || (progress.stage !== 'totp' && progress.stage !== 'enrol')) return this.render(reply, uid, progress?.stage);
    const now = this.clock.now();
    const state = await this.accounts.load(progress.account_id);
    if (isLocked(state, now)) return this.restart(reply, uid, lockedError(state, now).message);
    const enrolling = progress.stage === 'enrol';
    const stored = enrolling ? { secret: this.accounts.openPending(uid, progress.pending_totp!) } : await this.accounts.totpSecret(progress.account_id);
    const step = stored ? verifyTotp(stored.secret, (form['code'] ?? '').trim(), now, 'lastStep' in stored ? stored.lastStep : undefined) : undefined;
    if (step === undefined) {
      const { state: after } = await this.accounts.recordSignIn(progress.account_id, 'bad_totp');
      if (isLocked(after, now)) return this.restart(reply, uid, lockedError(after, now).message);
      return this.render(reply, uid, progress.stage, '动态码错误或已使用，请输入验证器上当前显示的 6 位数字', 401);
    }
    if (enrolling) await this.accounts.enrolTotp(progress.account_id, stored!.secret, step);
    else await this.accounts.useTotpStep(progress.account_id, step);
    if (state.mustChangePassword) {
      await this.db.updateTable('sign_ins').set({ stage: 'password', pending_totp: null }).where('uid', '=', uid).execute();
      return reply.redirect(`${OIDC_PREFIX}/interaction/${uid}`, 303);
    }
    return this.finish(uid, progress.account_id, request, reply);
  }

  @Post(':uid/password')
  async password(@Param('uid') uid: string, @Body() form: Form, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!(await this.interaction(request, reply))) return;
    const progress = await this.progress(uid);
    if (progress?.stage !== 'password') return this.render(reply, uid, progress?.stage);
    const password = form['password'] ?? '';
    if (password !== form['confirm']) return this.render(reply, uid, 'password', '两次输入的密码不一致', 400);
    const account = await this.db.selectFrom('accounts').select('user_name').where('account_id', '=', progress.account_id).executeTakeFirstOrThrow();
    try {
      await this.accounts.changePassword(progress.account_id, account.user_name, password, progress.account_id);
    } catch (error) {
      if (error instanceof DomainError) return this.render(reply, uid, 'password', error.message, IDENTITY_ERRORS.statusOf(error.code));
      throw error;
    }
    return this.finish(uid, progress.account_id, request, reply);
  }

  /** The interaction behind the page (its cookie proves the browser started it), or an error page. */
  private async interaction(request: FastifyRequest, reply: FastifyReply): Promise<Interaction | undefined> {
    try {
      return await this.oidc.provider.interactionDetails(request.raw, reply.raw);
    } catch {
      this.send(reply, 400, errorPage('登录页面已过期，请回到工作台重新登录'));
      return undefined;
    }
  }

  /**
   * The console is the node's own client: what it asks for (its scopes, the officer API) is
   * granted without a consent page; any other client gets nothing.
   */
  private async consent(details: Interaction, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const { accountId } = details.session ?? {};
    const clientId = details.params['client_id'];
    if (!accountId || clientId !== CONSOLE_CLIENT_ID) return this.send(reply, 403, errorPage('该应用无权使用工会驿站账号登录'));
    const { Grant } = this.oidc.provider;
    const grant = details.grantId ? ((await Grant.find(details.grantId)) ?? new Grant({ accountId, clientId })) : new Grant({ accountId, clientId });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant.save();
    const returnTo = await this.oidc.provider.interactionResult(request.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
    reply.redirect(returnTo, 303);
  }

  /** `amr`: how the officer proved who they are (default: the password, and the TOTP code where the role needs it). */
  private async finish(uid: string, accountId: string, request: FastifyRequest, reply: FastifyReply, amr?: string[]): Promise<void> {
    const { state } = await this.accounts.recordSignIn(accountId, 'ok');
    if (!state.exists) throw new Error('account vanished during sign-in');
    await this.db.deleteFrom('sign_ins').where('uid', '=', uid).execute();
    const methods = amr ?? (this.needsTotp(state.scope!.role) ? ['pwd', 'otp'] : ['pwd']);
    const returnTo = await this.oidc.provider.interactionResult(request.raw, reply.raw, { login: { accountId, amr: methods } }, { mergeWithLastSubmission: false });
    reply.redirect(returnTo, 303);
  }

  /** Officer roles always; station managers unless the node turned it off. */
  private needsTotp(role: string): boolean {
    return role !== 'station_manager' || this.config.totpForStationManagers;
  }

  private progress(uid: string) {
    return this.db.selectFrom('sign_ins').selectAll().where('uid', '=', uid).where('expires_at', '>', this.clock.now()).executeTakeFirst();
  }

  private async restart(reply: FastifyReply, uid: string, message: string): Promise<void> {
    await this.db.deleteFrom('sign_ins').where('uid', '=', uid).execute();
    this.send(reply, 423, signInPage(this.action(uid, 'login'), this.platform.node.name, message, '', this.upstreamLink(uid)));
  }

  private async render(reply: FastifyReply, uid: string, stage: Stage | undefined, error?: string, status = 200): Promise<void> {
    switch (stage) {
      case undefined:
        return this.send(reply, status, signInPage(this.action(uid, 'login'), this.platform.node.name, error, '', this.upstreamLink(uid)));
      case 'totp':
        return this.send(reply, status, totpPage(this.action(uid, 'totp'), error));
      case 'enrol': {
        const progress = await this.progress(uid);
        const secret = this.accounts.openPending(uid, progress!.pending_totp!);
        const account = await this.db.selectFrom('accounts').select('user_name').where('account_id', '=', progress!.account_id).executeTakeFirstOrThrow();
        const qr = await toDataURL(totpUri(secret, `${account.user_name}@${this.platform.node.code}`), { margin: 1, width: 200 });
        return this.send(reply, status, enrolTotpPage(this.action(uid, 'totp'), secret, qr, error));
      }
      case 'password':
        return this.send(reply, status, changePasswordPage(this.action(uid, 'password'), error));
    }
  }

  /** The upstream provider's button on the sign-in page, when the node trusts one. */
  private upstreamLink(uid: string): { href: string; name: string } | undefined {
    return this.config.upstream ? { href: this.action(uid, 'upstream'), name: this.config.upstream.name } : undefined;
  }

  private action(uid: string, step: string): string {
    return `${OIDC_PREFIX}/interaction/${uid}/${step}`;
  }

  private send(reply: FastifyReply, status: number, html: string): void {
    reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }
}
