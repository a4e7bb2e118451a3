import { Role } from '../domain/enums';

/** Who is asking. `firmId` is set for AI_FIRM accounts (and their API keys). */
export interface Viewer {
  accountId: string;
  role: Role;
  firmId: string | null;
  locale: string;
  via: 'jwt' | 'api-key';
}

/** What every service call receives first: the viewer (null when anonymous) and the request id for logs. */
export interface RequestContext {
  viewer: Viewer | null;
  requestId: string;
  locale: string;
  /** A credential was sent but is not valid: raised when the viewer is needed. */
  authError?: Error | null;
}

export const systemContext = (requestId = 'system'): RequestContext => ({ viewer: null, requestId, locale: 'en' });
