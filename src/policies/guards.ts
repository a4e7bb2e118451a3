import { Role } from '../domain/enums';
import type { RequestContext, Viewer } from './context';
import { forbidden, unauthenticated } from '../domain/errors';

export function requireViewer(ctx: RequestContext): Viewer {
  if (ctx.authError) throw ctx.authError;
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

/** The viewer must hold one of the roles (ADMIN is not implied: say it when admins may act). */
export function requireRole(ctx: RequestContext, ...roles: Role[]): Viewer {
  const viewer = requireViewer(ctx);
  if (!roles.includes(viewer.role)) throw forbidden(`This needs a ${roles.join(' or ')} account; you are logged in as ${viewer.role}`);
  return viewer;
}

export function requireFirm(ctx: RequestContext): Viewer & { firmId: string } {
  const viewer = requireRole(ctx, Role.AI_FIRM);
  if (!viewer.firmId) throw forbidden('This AI_FIRM account has no firm profile');
  return viewer as Viewer & { firmId: string };
}
