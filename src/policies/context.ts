import { Role } from '../domain/enums';

/** Who is asking. `firmId` is set for AI_FIRM accounts (and their API keys). */
export interface Viewer {
  accountId: string;
  role: Role;
  firmId: string | null;
  locale: string;
  via: 'jwt' | 'api-key';
  /**
   * The account has not confirmed its email address and the deployment requires it
   * (EMAIL_VERIFICATION_REQUIRED): it may look around but not file or act as a party on a case.
   */
  emailUnconfirmed?: boolean;
}

/** What every service call receives first: the viewer (null when anonymous) and the request id for logs. */
export interface RequestContext {
  viewer: Viewer | null;
  requestId: string;
  locale: string;
  /** A credential was sent but is not valid: raised when the viewer is needed. */
  authError?: Error | null;
  /** The client's address (express req.ip, which honours TRUST_PROXY): logIn and signUp are throttled by it. */
  address?: string | null;
  /**
   * The account this request has just proved it holds (signUp, logIn): their
   * answers show it as its owner sees it (full email, own profiles). Only
   * presentation uses it; every permission is decided on `viewer`.
   */
  signedInAs?: Viewer | null;
}

/** Whom the answer is shown to: the account just signed in to, else the viewer. */
export const presentedTo = (ctx: RequestContext): Viewer | null => ctx.signedInAs ?? ctx.viewer;

export const systemContext = (requestId = 'system'): RequestContext => ({ viewer: null, requestId, locale: 'en' });
