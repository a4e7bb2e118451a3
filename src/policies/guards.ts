import { Role } from '../domain/enums';
import type { RequestContext, Viewer } from './context';
import { AppError, forbidden, unauthenticated } from '../domain/errors';

export function requireViewer(ctx: RequestContext): Viewer {
  if (ctx.authError) throw ctx.authError;
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

/** The viewer must hold one of the roles (ADMIN is not implied: say it when admins may act). */
export function requireRole(ctx: RequestContext, ...roles: Role[]): Viewer {
  const viewer = requireViewer(ctx);
  if (!roles.includes(viewer.role)) {
    throw forbidden(`This needs a ${roles.join(' or ')} account; you are logged in as ${viewer.role}`,
      { key: 'error.needsRole', params: { roles: roles.join(' / '), role: viewer.role } });
  }
  return viewer;
}

export function requireFirm(ctx: RequestContext): Viewer & { firmId: string } {
  const viewer = requireRole(ctx, Role.AI_FIRM);
  if (!viewer.firmId) throw forbidden('This AI_FIRM account has no firm profile');
  return viewer as Viewer & { firmId: string };
}

/**
 * Filing and acting as a party need a confirmed email address (issue 14: "an unverified account can look
 * around but not file or respond"): the notices, reminders and offers of a case go to that address.
 */
export function requireConfirmedEmail(viewer: Viewer, what: string): void {
  if (viewer.emailUnconfirmed) {
    throw new AppError('FORBIDDEN', `Confirm your email address before you ${what}: open the link mailed to you at sign-up (resendEmailVerification sends a new one)`, { reason: 'EMAIL_NOT_VERIFIED' },
      { key: 'error.emailNotVerified', params: { what: { key: what } } });
  }
}
