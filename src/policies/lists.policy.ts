import { Role } from '../domain/enums';
import type { RequestContext, Viewer } from './context';
import { requireFirm, requireRole, requireViewer } from './guards';
import { scopeParam, SqlScope } from '../persistence/scope';

/**
 * The lists that belong to their viewer: who may ask for them (roles; null:
 * any signed-in account) and the column that holds the owner (the viewer's
 * account, or its firm). The rows of anyone else are never in them; filters
 * narrow within them.
 */
export const OWN_LISTS = {
  /** A creator's works (myWorks). */
  works: { roles: [Role.CREATOR], column: 'ownerId', owner: 'account' },
  /** A creator's opt-outs (myOptOuts, withdrawOptOut). */
  optOuts: { roles: [Role.CREATOR], column: 'ownerId', owner: 'account' },
  /** Anyone's notifications (myNotifications, unreadNotificationCount, markNotificationsRead). */
  notifications: { roles: null, column: 'accountId', owner: 'account' },
  /** A firm's webhook deliveries (webhookDeliveries, redeliverWebhook). */
  webhookDeliveries: { roles: [Role.AI_FIRM], column: 'firmId', owner: 'firm' },
  /** A firm account's API keys (apiKeys, revokeApiKey). */
  apiKeys: { roles: [Role.AI_FIRM], column: 'accountId', owner: 'account' },
} as const;

export type OwnList = keyof typeof OWN_LISTS;

/** The owner key of a list for a viewer allowed to ask for it. */
export interface OwnScope {
  viewer: Viewer;
  /** The owning column and its value, for find({ where }) and row checks. */
  column: string;
  ownerId: string;
  /** The same restriction in SQL on an alias (reserved parameter names). */
  sql(alias: string): SqlScope;
  /** Does a row with this owner value belong to the list? */
  owns(rowOwnerId: string | null | undefined): boolean;
}

/**
 * Checks the viewer may ask for the list (UNAUTHENTICATED / FORBIDDEN) and
 * returns its owner scope.
 */
export function ownListScope(ctx: RequestContext, list: OwnList): OwnScope {
  const spec = OWN_LISTS[list];
  let viewer: Viewer;
  let ownerId: string;
  if (spec.owner === 'firm') {
    const firmViewer = requireFirm(ctx);
    viewer = firmViewer;
    ownerId = firmViewer.firmId;
  } else {
    viewer = spec.roles ? requireRole(ctx, ...spec.roles) : requireViewer(ctx);
    ownerId = viewer.accountId;
  }
  return {
    viewer, column: spec.column, ownerId,
    sql: (alias) => ({ where: `${alias}.${spec.column} = :${scopeParam(`own_${list}`)}`, params: { [scopeParam(`own_${list}`)]: ownerId } }),
    owns: (rowOwnerId) => rowOwnerId != null && rowOwnerId === ownerId,
  };
}

/**
 * Shared surfaces: every AI firm reads the same rows, so they carry no
 * personal data (see fields.ts for what each reader sees of an opt-out):
 * - optOutFeed and checkOptOuts: AI_FIRM accounts (an account without a firm profile is FORBIDDEN);
 * - GET /opt-outs.jsonl: anyone (hash, scope, effectiveFrom, signals only);
 * - aiSystems, transparencyReport, countries, licenseTemplates …: public.
 */
export function sharedFirmSurface(ctx: RequestContext): Viewer & { firmId: string } {
  return requireFirm(ctx);
}
