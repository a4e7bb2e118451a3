import { createHash, createHmac, randomUUID } from 'node:crypto';
import { isEmailAddress } from '../domain/email';
import type { Database, Tx } from '../persistence/database';
import { CreatorKind, Role } from '../domain/enums';
import type { AccountEntity, ApiKeyEntity } from '../persistence/entities';
import type { Config } from '../config/env';
import { jobId, MAIL_JOB_ATTEMPTS, QueueName } from '../domain/queues';
import { MailError, mailerFor } from '../infra/mail/mailer';
import { emailVerificationMail, MailLocale, passwordResetMail } from '../infra/mail/templates';
import type { Logger } from 'pino';
import type { AuthService } from './auth.service';
import type { LoginThrottle } from './login-throttle';
import type { RequestContext } from '../policies/context';
import { AppError, badInput, InputCheck, notFound, unauthenticated } from '../domain/errors';
import { requireRole, requireViewer } from '../policies/guards';
import type { ReferenceService } from './reference.service';
import { ownListScope } from '../policies';
import * as accounts from '../persistence/repositories/account.repository';
import * as apiKeys from '../persistence/repositories/api-key.repository';
import * as firms from '../persistence/repositories/firm.repository';
import * as resets from '../persistence/repositories/password-reset.repository';
import * as verifications from '../persistence/repositories/email-verification.repository';
import { NotificationMailGroup, notificationPreferences, NotificationPreferencesData } from '../domain/notification-mail';

export interface SignUpData {
  email: string; password: string; displayName: string; role: Role; locale?: string | null;
  creator?: { kind: CreatorKind; nationality: string; principalOfficeCountry?: string | null } | null;
  firm?: { legalName: string; country: string; servesJapaneseUsers: boolean; webhookUrl?: string | null } | null;
}

export interface MediatorData {
  email: string; password: string; displayName: string; locale?: string | null;
  languages: string[]; specialties: string[]; capacity: number; conflicts: string[];
}

export const LOCALES = ['ja', 'en'];

/** Accounts: sign-up, log-in, API keys, mediators and the command-line bootstrap. */
export class AccountService {
  constructor(private readonly db: Database, private readonly auth: AuthService, private readonly reference: ReferenceService,
    private readonly webhookUrlCheck: (url: string) => string | null = () => null, private readonly config: Pick<Config, 'jwtSecret' | 'passwordResetTtlMs' | 'emailVerificationTtlMs' | 'publicUrl' | 'mail'> | null = null) {}

  /** Log-in and sign-up throttling (Redis); set by the app at start-up, absent below the API (CLI, tests of services). */
  private throttle: LoginThrottle | null = null;
  useThrottle(throttle: LoginThrottle): void {
    this.throttle = throttle;
  }

  async signUp(ctx: RequestContext, input: SignUpData): Promise<{ token: string; account: AccountEntity }> {
    const check = new InputCheck('input');
    this.checkCredentials(check, input);
    check.check(input.role === Role.CREATOR || input.role === Role.AI_FIRM, 'role', 'sign-up is for CREATOR or AI_FIRM accounts; mediators and admins are created by an admin');
    if (input.role === Role.CREATOR) {
      check.check(!!input.creator, 'creator', 'a CREATOR account needs its creator profile');
      check.check(!input.firm, 'firm', 'a CREATOR account takes no firm profile');
      if (input.creator) {
        this.countryField(check, 'creator.nationality', input.creator.nationality, true);
        this.countryField(check, 'creator.principalOfficeCountry', input.creator.principalOfficeCountry, false);
      }
    }
    if (input.role === Role.AI_FIRM) {
      check.check(!!input.firm, 'firm', 'an AI_FIRM account needs its firm profile');
      check.check(!input.creator, 'creator', 'an AI_FIRM account takes no creator profile');
      if (input.firm) {
        check.check(input.firm.legalName.trim().length > 0, 'firm.legalName', 'must not be empty');
        this.countryField(check, 'firm.country', input.firm.country, true);
        if (input.firm.webhookUrl) {
          const problem = this.webhookUrlCheck(input.firm.webhookUrl);
          if (problem) check.add('firm.webhookUrl', problem);
        }
      }
    }
    check.throwIfAny();
    // Throttled per address like logIn (RATE_LIMITED before any hashing); a refused sign-up counts as a failure.
    const attempt = await this.throttle?.signUp(ctx.address);
    const email = input.email.trim().toLowerCase();
    const passwordHash = await this.auth.hashPassword(input.password);
    const account = await this.db.transaction(async (tx) => {
      if (await accounts.emailTaken(tx, email)) {
        // The contract's signUp answers a token at once, so it cannot hide that an email is taken: the real fix
        // is email verification (always answer "check your mail", and mail the existing owner instead) once
        // Chōtei sends mail. Until then this refusal says as little as the contract allows: the same code and
        // field as any unusable email, no word that an account exists, after the same scrypt work as a sign-up
        // that succeeds (so timing does not tell either), and it counts against the address's daily failure
        // budget shared with logIn (LOGIN_FAILURES_PER_ADDRESS), so enumerating emails by signUp costs an
        // attacker as much as guessing passwords.
        new InputCheck('input').add('email', 'cannot be used to sign up; log in if it is yours, or use another email').throwIfAny();
      }
      const acc = await accounts.insertAccount(tx, {
        id: randomUUID(), email, passwordHash, displayName: input.displayName.trim(), role: input.role, locale: input.locale ?? 'ja',
      });
      if (input.creator) {
        await accounts.insertCreatorProfile(tx, {
          accountId: acc.id, kind: input.creator.kind, nationality: input.creator.nationality.toUpperCase(),
          principalOfficeCountry: input.creator.principalOfficeCountry?.toUpperCase() ?? null,
        });
      }
      if (input.firm) {
        await firms.insertFirm(tx, {
          id: randomUUID(), accountId: acc.id, legalName: input.firm.legalName.trim(), country: input.firm.country.toUpperCase(),
          servesJapaneseUsers: input.firm.servesJapaneseUsers, webhookUrl: input.firm.webhookUrl ?? null, webhookSecret: null, enrolled: true,
        });
      }
      // The verification link leaves through the outbox with this commit (job verify-email).
      await this.startEmailVerification(tx, acc, new Date(), false);
      return acc;
    });
    await attempt?.succeeded();
    ctx.signedInAs = await this.auth.viewerForAccount(account.id, 'jwt');
    return { token: await this.auth.issueToken(account), account };
  }

  async logIn(ctx: RequestContext, email: string, password: string): Promise<{ token: string; account: AccountEntity }> {
    // Per account and per address, before any hashing: a blocked attempt answers RATE_LIMITED without running scrypt,
    // even with the right password. Each aliased logIn of a document is its own attempt (mutations run one by one).
    const attempt = await this.throttle?.logIn(email, ctx.address);
    const account = await accounts.accountWithPasswordHash(this.db.reads, email.trim().toLowerCase());
    // Verify against a dummy hash when the account is missing, so timing does not tell which emails exist.
    const ok = await this.auth.verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok) throw unauthenticated('The email or the password is wrong');
    await attempt?.succeeded();
    ctx.signedInAs = await this.auth.viewerForAccount(account.id, 'jwt');
    return { token: await this.auth.issueToken(account), account };
  }

  /**
   * Ends every session of the viewer's account: the token version goes up, so every JWT issued before
   * (this request's included) is refused from now on in this process, and within the viewer cache's
   * 5 seconds in other API processes. API keys are not sessions: they work until revoked.
   */
  async endAllSessions(ctx: RequestContext): Promise<boolean> {
    const viewer = requireViewer(ctx);
    await this.db.transaction(async (tx) => {
      await accounts.bumpTokenVersion(tx, viewer.accountId);
      tx.onCommit(() => this.auth.forgetSessions(viewer.accountId));
    });
    return true;
  }

  /**
   * Mails a password-reset link to the account with this email, if there is one; answers true either way, after
   * the same throttling, look-up, token derivation and hashing, so neither the answer nor its timing tells whether
   * the account exists. The mail leaves through the outbox (job password-reset, src/jobs/send-password-reset.job.ts);
   * a new request ends the account's older unused tokens.
   */
  async requestPasswordReset(ctx: RequestContext, email: string): Promise<boolean> {
    if (!this.config) throw new Error('AccountService needs the configuration for password resets');
    await this.throttle?.passwordResetRequest(email, ctx.address);
    const account = await accounts.findAccountByEmail(this.db.reads, email);
    const id = randomUUID();
    const tokenHash = passwordResetTokenHash(passwordResetTokenFor(this.config, id));
    const now = new Date();
    await this.db.transaction(async (tx) => {
      // An unknown email runs the same transaction up to here (an update that matches nothing), then stops.
      await resets.supersedeUnusedResets(tx, account?.id ?? id, now);
      if (!account) return;
      await resets.insertReset(tx, { id, accountId: account.id, tokenHash, expiresAt: new Date(now.getTime() + this.config!.passwordResetTtlMs) });
      await tx.enqueue({ queue: QueueName.MAIL, name: 'password-reset', jobId: jobId('password-reset', id), payload: { resetId: id } });
    });
    return true;
  }

  /**
   * The password-reset job (src/jobs/send-password-reset.job.ts): mails the link {PUBLIC_URL}/reset-password?token=T
   * (one job per reset, job id password-reset-<resetId>) in the account's language. A reset already used or
   * superseded by a newer request is not mailed. At least once: a retry after a crash may send the same message
   * again (same Message-ID). A failure worth another try throws, so BullMQ retries; the last one is 'refused'.
   */
  async mailPasswordReset(resetId: string, attempt: number, log: Logger): Promise<'sent' | 'refused' | 'skipped'> {
    if (!this.config) throw new Error('AccountService needs the configuration for password resets');
    const reset = await resets.findResetById(this.db.reads, resetId);
    // An expired one is still mailed (its link then asks for a new one): the person who asked hears back either way.
    if (!reset || reset.usedAt) return 'skipped';
    const account = await accounts.findAccountById(this.db.reads, reset.accountId);
    if (!account) return 'skipped';
    const locale: MailLocale = account.locale === 'en' ? 'en' : 'ja';
    const token = passwordResetTokenFor(this.config, reset.id);
    const mail = passwordResetMail(locale, {
      displayName: account.displayName, resetUrl: `${this.config.publicUrl}/reset-password?token=${token}`,
      validMinutes: Math.max(1, Math.round(this.config.passwordResetTtlMs / 60_000)),
    });
    try {
      await mailerFor(this.config).send({ to: account.email, ...mail, messageId: `<password-reset-${reset.id}@chotei.localhost>`, kind: 'password-reset' });
    } catch (error) {
      const failure = error instanceof MailError ? error : new MailError('The message could not be sent; it will be tried again.', false, null);
      if (failure.permanent || attempt >= MAIL_JOB_ATTEMPTS) {
        log.warn({ resetId: reset.id, err: failure.message }, 'password-reset mail refused');
        return 'refused';
      }
      throw failure;
    }
    return 'sent';
  }

  /**
   * Sets a new password with the token of a reset mail: once, before it expires. Ends every session of the account
   * as endAllSessions does. A wrong, expired or used token is refused with one message that does not say which.
   */
  async resetPassword(ctx: RequestContext, token: string, password: string): Promise<boolean> {
    const attempt = await this.throttle?.passwordReset(ctx.address);
    const refused = () => new InputCheck('token').add('token', TOKEN_REFUSED).throwIfAny();
    const found = await resets.findResetByTokenHash(this.db.reads, passwordResetTokenHash(token));
    // Both arguments are checked and every problem reported at once; a refused password leaves the token usable.
    const tokenCheck = new InputCheck('token').check(!!found && !found.usedAt && found.expiresAt.getTime() > Date.now(), 'token', TOKEN_REFUSED);
    const passwordCheck = new InputCheck('password');
    this.checkPassword(passwordCheck, 'password', password);
    if (tokenCheck.problems.length || passwordCheck.problems.length) throw badInput([...tokenCheck.problems, ...passwordCheck.problems]);
    const passwordHash = await this.auth.hashPassword(password);
    await this.db.transaction(async (tx) => {
      const now = new Date();
      // Marks the token used only if it still is unused (a parallel reset with the same token loses here).
      if (!(await resets.markResetUsed(tx, found!.id, now))) refused();
      await resets.supersedeUnusedResets(tx, found!.accountId, now);
      await accounts.setPasswordHash(tx, found!.accountId, passwordHash);
      await accounts.bumpTokenVersion(tx, found!.accountId);
      tx.onCommit(() => this.auth.forgetSessions(found!.accountId));
    });
    await attempt?.succeeded();
    return true;
  }

  // ------------------------------------------------------------------ email verification

  /**
   * A new verification link for the account's current address, in the caller's transaction: the account's older
   * unused links are deleted, the new one stored (its token's SHA-256 only) and its mail queued through the outbox
   * (job verify-email-<id>, src/jobs/send-email-verification.job.ts). Without configuration (CLI, service tests) nothing is sent.
   */
  private async startEmailVerification(tx: Tx, account: Pick<AccountEntity, 'id' | 'email'>, now: Date, replaceOlder = true): Promise<string | null> {
    if (!this.config) return null;
    const id = randomUUID();
    if (replaceOlder) await verifications.deleteUnusedVerifications(tx, account.id);
    await verifications.insertVerification(tx, {
      id, accountId: account.id, email: account.email, tokenHash: emailVerificationTokenHash(emailVerificationTokenFor(this.config, id)),
      expiresAt: new Date(now.getTime() + this.config.emailVerificationTtlMs), createdAt: now,
    });
    await tx.enqueue({ queue: QueueName.MAIL, name: 'verify-email', jobId: jobId('verify-email', id), payload: { verificationId: id } });
    return id;
  }

  /**
   * Confirms an account's email with the token of a verification link (no sign-in needed: the token is the secret).
   * Using the same token again answers the same until it expires (idempotent: mail scanners that open links, a
   * second click). A wrong, expired or replaced token, or one mailed to an address the account no longer has, is
   * refused with one BAD_USER_INPUT on `token` that does not say which. Not throttled like log-ins: the token is
   * 256 bits from the server's secret (nothing to guess), and a refusal here must not spend the address's log-in budget.
   */
  async verifyEmail(_ctx: RequestContext, token: string, now = new Date()): Promise<AccountEntity> {
    const refused = (): never => { new InputCheck('token').add('token', TOKEN_REFUSED).throwIfAny(); throw new Error('unreachable'); };
    const found = await verifications.findVerificationByTokenHash(this.db.reads, emailVerificationTokenHash(token));
    if (!found || found.expiresAt.getTime() <= now.getTime()) refused();
    const account = await this.db.transaction(async (tx) => {
      const acc = await accounts.findAccountById(tx, found!.accountId);
      if (!acc || acc.email !== found!.email) return refused();
      if (!found!.usedAt) {
        await verifications.markVerificationUsed(tx, found!.id, now);
        await accounts.markEmailVerified(tx, acc.id, found!.email, now);
        // The address is confirmed: the account's other links are of no use any more.
        await verifications.deleteUnusedVerifications(tx, acc.id, found!.id);
        // The account may now file and act on its cases: its cached viewers (unconfirmed) are dropped.
        tx.onCommit(() => this.auth.forgetViewers(acc.id));
      } else if (!acc.emailVerifiedAt) {
        return refused();
      }
      return (await accounts.findAccountById(tx, acc.id))!;
    });
    return account;
  }

  /**
   * Mails a new verification link to the viewer's address (the older unused ones stop working). False, and nothing
   * sent, when the address is already verified. At most one link a minute, or a tenth of EMAIL_VERIFICATION_TTL when that is
   * shorter (RATE_LIMITED otherwise).
   */
  async resendEmailVerification(ctx: RequestContext, now = new Date()): Promise<boolean> {
    const viewer = requireViewer(ctx);
    if (!this.config) throw new Error('AccountService needs the configuration for email verification');
    return this.db.transaction(async (tx) => {
      const account = await accounts.findAccountById(tx, viewer.accountId);
      if (!account) throw unauthenticated();
      if (account.emailVerifiedAt) return false;
      const latest = await verifications.latestVerificationOf(tx, account.id);
      const interval = Math.min(RESEND_INTERVAL_MS, Math.floor(this.config!.emailVerificationTtlMs / 10));
      const waitMs = latest ? latest.createdAt.getTime() + interval - now.getTime() : 0;
      if (waitMs > 0) {
        const retryAfterSeconds = Math.ceil(waitMs / 1000);
        throw new AppError('RATE_LIMITED', `A verification link was mailed a moment ago; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
      }
      return (await this.startEmailVerification(tx, account, now)) !== null;
    });
  }

  /**
   * The verification job (src/jobs/send-email-verification.job.ts): mails {PUBLIC_URL}/verify-email?token=T in the
   * account's language (job verify-email-<id>). A link already used or replaced, or for an address the account no longer
   * has, is not mailed. At least once (a retry after a crash may send the same message again, same Message-ID).
   */
  async mailEmailVerification(verificationId: string, attempt: number, log: Logger): Promise<'sent' | 'refused' | 'skipped'> {
    if (!this.config) throw new Error('AccountService needs the configuration for email verification');
    const link = await verifications.findVerificationById(this.db.reads, verificationId);
    if (!link || link.usedAt) return 'skipped';
    const account = await accounts.findAccountById(this.db.reads, link.accountId);
    if (!account || account.email !== link.email || account.emailVerifiedAt) return 'skipped';
    const locale: MailLocale = account.locale === 'en' ? 'en' : 'ja';
    const mail = emailVerificationMail(locale, {
      displayName: account.displayName, verifyUrl: `${this.config.publicUrl}/verify-email?token=${emailVerificationTokenFor(this.config, link.id)}`,
      validDays: Math.max(1, Math.round(this.config.emailVerificationTtlMs / 86_400_000)),
    });
    try {
      await mailerFor(this.config).send({ to: account.email, ...mail, messageId: `<verify-email-${link.id}@chotei.localhost>`, kind: 'verify-email' });
    } catch (error) {
      const failure = error instanceof MailError ? error : new MailError('The message could not be sent; it will be tried again.', false, null);
      if (failure.permanent || attempt >= MAIL_JOB_ATTEMPTS) {
        log.warn({ verificationId: link.id, err: failure.message }, 'email-verification mail refused');
        return 'refused';
      }
      throw failure;
    }
    return 'sent';
  }

  // ------------------------------------------------------------------ notification preferences

  /**
   * Sets what the viewer receives by email: `email` turns notification mail on or off as a whole, `emailGroups`
   * replaces the groups mailed (src/domain/notification-mail.ts); what is not given stays as it was. The service of
   * a notice on a respondent is mailed whatever this says.
   */
  async updateNotificationPreferences(ctx: RequestContext, input: { email?: boolean | null; emailGroups?: NotificationMailGroup[] | null }): Promise<AccountEntity> {
    const viewer = requireViewer(ctx);
    const check = new InputCheck('input');
    check.check(input.email != null || input.emailGroups != null, 'email', 'give email, emailGroups or both');
    check.throwIfAny();
    return this.db.transaction(async (tx) => {
      const account = await accounts.findAccountById(tx, viewer.accountId);
      if (!account) throw unauthenticated();
      const current = notificationPreferences(account.notificationPreferences as Partial<NotificationPreferencesData> | null);
      const next: NotificationPreferencesData = {
        email: input.email ?? current.email,
        emailGroups: input.emailGroups ? [...new Set(input.emailGroups)] : current.emailGroups,
      };
      await accounts.setNotificationPreferences(tx, account.id, next);
      return { ...account, notificationPreferences: next };
    });
  }

  /** Whether a password-reset token would be accepted now (the reset page shows its form only then); says nothing else. */
  async passwordResetTokenUsable(token: string, now = new Date()): Promise<boolean> {
    const found = await resets.findResetByTokenHash(this.db.reads, passwordResetTokenHash(token));
    return !!found && !found.usedAt && found.expiresAt.getTime() > now.getTime();
  }

  async me(ctx: RequestContext): Promise<AccountEntity> {
    const viewer = requireViewer(ctx);
    const account = await accounts.accountOfViewer(this.db.reads, viewer.accountId);
    if (!account) throw unauthenticated();
    return account;
  }

  async createApiKey(ctx: RequestContext, name: string): Promise<{ secret: string; key: ApiKeyEntity }> {
    const viewer = requireRole(ctx, Role.AI_FIRM);
    new InputCheck('name').check(name.trim().length > 0, 'name', 'must not be empty').throwIfAny();
    const { secret, prefix, secretHash } = this.auth.newApiKeySecret();
    const key = await this.db.transaction((tx) => apiKeys.insertApiKey(tx, { id: randomUUID(), accountId: viewer.accountId, name: name.trim(), prefix, secretHash }));
    return { secret, key };
  }

  async revokeApiKey(ctx: RequestContext, id: string): Promise<boolean> {
    const own = ownListScope(ctx, 'apiKeys');
    return this.db.transaction(async (tx) => {
      const key = await apiKeys.ownApiKey(tx, id, own.ownerId);
      if (!key) throw notFound('API key', id);
      if (!key.revokedAt) await apiKeys.revokeApiKey(tx, id, new Date());
      tx.onCommit(() => this.auth.forgetApiKey(key.secretHash));
      return true;
    });
  }

  async listApiKeys(ctx: RequestContext): Promise<ApiKeyEntity[]> {
    const own = ownListScope(ctx, 'apiKeys');
    return apiKeys.apiKeysOf(this.db.reads, own.ownerId);
  }

  async createMediator(ctx: RequestContext, input: MediatorData): Promise<AccountEntity> {
    requireRole(ctx, Role.ADMIN);
    return this.createStaff(Role.MEDIATOR, input);
  }

  /** Used by `npx chotei create-account`: ADMIN or MEDIATOR accounts, which cannot sign up. */
  async createStaff(role: Role.ADMIN | Role.MEDIATOR, input: MediatorData | (Omit<MediatorData, 'languages' | 'specialties' | 'capacity' | 'conflicts'>)): Promise<AccountEntity> {
    const check = new InputCheck('input');
    this.checkCredentials(check, input);
    const mediator = role === Role.MEDIATOR ? withMediatorDefaults(input) : null;
    if (mediator) {
      check.check(mediator.capacity >= 1 && mediator.capacity <= 1000, 'capacity', 'must be between 1 and 1000 open cases');
      check.check(mediator.languages.every((l) => /^[a-z]{2,3}$/.test(l)), 'languages', 'use ISO 639-1 codes such as "ja" or "en"');
    }
    check.throwIfAny();
    const email = input.email.trim().toLowerCase();
    const passwordHash = await this.auth.hashPassword(input.password);
    return this.db.transaction(async (tx) => {
      if (await accounts.emailTaken(tx, email)) {
        new InputCheck('input').add('email', 'an account with this email already exists').throwIfAny();
      }
      const acc = await accounts.insertAccount(tx, { id: randomUUID(), email, passwordHash, displayName: input.displayName.trim(), role, locale: input.locale ?? 'ja' });
      if (mediator) {
        await accounts.insertMediatorProfile(tx, {
          accountId: acc.id, languages: mediator.languages, specialties: mediator.specialties, capacity: mediator.capacity, conflicts: mediator.conflicts,
        });
      }
      // Staff confirm their address like everyone else (notification mail goes to verified addresses only).
      await this.startEmailVerification(tx, acc, new Date(), false);
      return acc;
    });
  }

  private checkCredentials(check: InputCheck, input: { email: string; password: string; displayName: string; locale?: string | null }) {
    check.check(isEmailAddress(input.email.trim()), 'email', 'must be an email address such as name@example.jp');
    this.checkPassword(check, 'password', input.password);
    check.check(input.displayName.trim().length > 0, 'displayName', 'must not be empty');
    check.check(input.locale == null || LOCALES.includes(input.locale), 'locale', 'must be "ja" or "en"');
  }

  /** The password rules of signUp (and of every other place a password is set). */
  private checkPassword(check: InputCheck, field: string, password: string) {
    check.check(password.length >= 10, field, 'must be at least 10 characters');
  }

  private countryField(check: InputCheck, field: string, code: string | null | undefined, required: boolean) {
    if (code == null || code === '') {
      if (required) check.add(field, 'is required: an ISO 3166-1 alpha-2 country code such as "JP"');
      return;
    }
    if (!this.reference.isKnownCountry(code.toUpperCase())) check.add(field, `"${code}" is not an ISO 3166-1 alpha-2 country code known to Chōtei`, { key: 'validation.notCountry', params: { code } });
  }
}

function withMediatorDefaults(input: Partial<MediatorData>): MediatorData {
  return {
    ...(input as MediatorData),
    languages: input.languages ?? ['ja'], specialties: input.specialties ?? [], capacity: input.capacity ?? 20, conflicts: input.conflicts ?? [],
  };
}

/** The one answer to a wrong, expired or used reset token: it does not say which. */
const TOKEN_REFUSED = 'This link is not valid (any more); ask for a new one';

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * The token of a password-reset link: 32 bytes (base64url) derived from the server's
 * secret and the reset's random id, so the mail job (whose payload holds the id only) can
 * put it in the mail while the database keeps only its SHA-256 (password_reset.tokenHash).
 */
export function passwordResetTokenFor(config: Pick<Config, 'jwtSecret'>, resetId: string): string {
  return createHmac('sha256', config.jwtSecret).update(`password-reset\u0000${resetId}`).digest('base64url');
}

export const passwordResetTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** At most one verification link a minute per account (resendEmailVerification); a tenth of EMAIL_VERIFICATION_TTL when that is shorter. */
const RESEND_INTERVAL_MS = 60_000;

/**
 * The token of an email-verification link: 32 bytes (base64url) derived from the server's secret and the link's
 * random id, like the password-reset token (its own purpose string, so one can never stand for the other); the
 * database keeps only its SHA-256 (email_verification.tokenHash).
 */
export function emailVerificationTokenFor(config: Pick<Config, 'jwtSecret'>, verificationId: string): string {
  return createHmac('sha256', config.jwtSecret).update(`verify-email\u0000${verificationId}`).digest('base64url');
}

export const emailVerificationTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
