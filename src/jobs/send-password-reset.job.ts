import { createHash, createHmac } from 'node:crypto';
import type { Config } from '../config/env';
import { findAccountById } from '../persistence/repositories/account.repository';
import { findResetById } from '../persistence/repositories/password-reset.repository';
import { MailError, mailerFor } from '../infra/mail/mailer';
import { MailLocale, passwordResetMail } from '../infra/mail/templates';
import type { Processor } from './job-context';
import { MAIL_JOB_ATTEMPTS } from './serve-notice-email.job';

export interface SendPasswordResetJobData { resetId: string }

/**
 * The token of a password-reset link: 32 bytes (base64url) derived from the server's
 * secret and the reset's random id, so the job (whose payload holds the id only) can
 * put it in the mail while the database keeps only its SHA-256 (password_reset.tokenHash).
 */
export function passwordResetTokenFor(config: Pick<Config, 'jwtSecret'>, resetId: string): string {
  return createHmac('sha256', config.jwtSecret).update(`password-reset\u0000${resetId}`).digest('base64url');
}

export const passwordResetTokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Mails the link {PUBLIC_URL}/reset-password?token=T (one job per reset, job id
 * password-reset-<resetId>), in the account's language. A reset already used,
 * superseded by a newer request is not mailed. At least once: a retry
 * after a crash may send the same message again (same Message-ID).
 */
export const processSendPasswordReset: Processor<SendPasswordResetJobData> = async (ctx, { resetId }, job) => {
  const reset = await findResetById(ctx.db.reader, resetId);
  // An expired one is still mailed (its link then asks for a new one): the person who asked hears back either way.
  if (!reset || reset.usedAt) return 'skipped';
  const account = await findAccountById(ctx.db.reader, reset.accountId);
  if (!account) return 'skipped';
  const locale: MailLocale = account.locale === 'en' ? 'en' : 'ja';
  const token = passwordResetTokenFor(ctx.config, reset.id);
  const mail = passwordResetMail(locale, {
    displayName: account.displayName, resetUrl: `${ctx.config.publicUrl}/reset-password?token=${token}`,
    validMinutes: Math.max(1, Math.round(ctx.config.passwordResetTtlMs / 60_000)),
  });
  try {
    await mailerFor(ctx.config).send({ to: account.email, ...mail, messageId: `<password-reset-${reset.id}@chotei.localhost>`, kind: 'password-reset' });
  } catch (error) {
    const failure = error instanceof MailError ? error : new MailError('The message could not be sent; it will be tried again.', false, null);
    if (failure.permanent || job.attemptsMade + 1 >= MAIL_JOB_ATTEMPTS) {
      ctx.log.warn({ resetId: reset.id, err: failure.message }, 'password-reset mail refused');
      return 'refused';
    }
    throw failure;
  }
  return 'sent';
};
