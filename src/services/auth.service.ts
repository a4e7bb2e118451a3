import { createHash, randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config/env';
import type { Database } from '../persistence/database';
import { Role } from '../domain/enums';
import type { AccountEntity } from '../persistence/entities';
import * as accounts from '../persistence/repositories/account.repository';
import * as apiKeys from '../persistence/repositories/api-key.repository';
import * as firms from '../persistence/repositories/firm.repository';
import type { Viewer } from '../policies/context';
import { unauthenticated } from '../domain/errors';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const ISSUER = 'chotei';
const AUDIENCE = 'chotei-api';
const API_KEY_PREFIX = 'chk_';
const VIEWER_CACHE_MS = 5_000;
/** How far in the future a token's `iat` may lie (clocks of API processes differ a little). */
const CLOCK_SKEW_S = 60;

/**
 * Passwords (scrypt), JWTs (HS256 pinned, issuer, audience, expiry, maximum age from `iat`, no future `iat`,
 * the account's token version) and API keys (SHA-256 at rest).
 */
export class AuthService {
  private readonly key: Uint8Array;
  /**
   * Credentials seen in the last few seconds, so a busy client does not cost a
   * token check and two lookups per request: API keys by their SHA-256 (the
   * stored hash, so revoking one forgets it), JWTs by the token itself. A
   * revoked API key is forgotten at once in this process and within
   * VIEWER_CACHE_MS in the others; a cached JWT never outlives its expiry or its maximum age. Likewise
   * endAllSessions forgets the account's JWTs here at once and within VIEWER_CACHE_MS elsewhere.
   */
  private readonly viewers = new LRUCache<string, Viewer>({ max: 10_000, ttl: VIEWER_CACHE_MS });
  constructor(private readonly db: Database, private readonly config: Config) {
    this.key = new TextEncoder().encode(config.jwtSecret);
  }

  async hashPassword(password: string): Promise<string> {
    const salt = randomBytes(16);
    const hash = await scrypt(password, salt, 32, SCRYPT);
    return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
  }

  async verifyPassword(password: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, hash] = stored.split('$');
    if (scheme !== 'scrypt') return false;
    const expected = Buffer.from(hash, 'base64');
    const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem });
    return timingSafeEqual(expected, actual);
  }

  async issueToken(account: AccountEntity): Promise<string> {
    // `tv`: the account's token version when issued; endAllSessions increments it (see authenticate).
    return new SignJWT({ role: account.role, tv: account.tokenVersion ?? 0 })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(account.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(Math.floor((Date.now() + this.config.jwtTtlMs) / 1000))
      .sign(this.key);
  }

  /** Makes a new API key; returns the secret (shown once) and the stored row. */
  newApiKeySecret(): { secret: string; prefix: string; secretHash: string } {
    const secret = API_KEY_PREFIX + randomBytes(32).toString('base64url');
    return { secret, prefix: secret.slice(0, 12), secretHash: sha256(secret) };
  }

  /** Resolves `Authorization: Bearer …` to a viewer; no header gives null, a bad credential UNAUTHENTICATED. */
  async authenticate(authorization: string | undefined | null): Promise<Viewer | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token or API key>"');
    const credential = match[1];
    const apiKey = credential.startsWith(API_KEY_PREFIX);
    const cacheKey = apiKey ? sha256(credential) : credential;
    const cached = this.viewers.get(cacheKey);
    if (cached) return cached;
    if (apiKey) {
      const viewer = await this.viewerFromApiKey(credential);
      this.viewers.set(cacheKey, viewer);
      return viewer;
    }
    let subject: string;
    let exp: number;
    let iat: number;
    let version: number;
    try {
      const { payload } = await jwtVerify(credential, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, requiredClaims: ['sub', 'exp', 'iat'] });
      subject = String(payload.sub);
      exp = Number(payload.exp) * 1000;
      iat = Number(payload.iat) * 1000;
      // Tokens issued before token versions existed carry none: they count as version 0.
      version = payload.tv === undefined ? 0 : Number(payload.tv);
    } catch (error) {
      throw unauthenticated(`The token is not valid (${(error as { code?: string }).code ?? 'invalid'}); log in again`);
    }
    // Checked here rather than with jose's maxTokenAge/clockTolerance, which would also loosen `exp` by the skew.
    const now = Date.now();
    if (!Number.isFinite(iat) || iat > now + CLOCK_SKEW_S * 1000) throw unauthenticated('The token is not valid (issued in the future); log in again');
    const maxAgeEnds = iat + this.config.jwtMaxAgeMs;
    if (now >= maxAgeEnds) throw unauthenticated('The token is too old (JWT_MAX_AGE); log in again');
    const { viewer, tokenVersion } = await this.loadViewer(subject, 'jwt');
    if (!Number.isInteger(version) || version !== tokenVersion) throw unauthenticated('The session has ended (endAllSessions); log in again');
    const ttl = Math.min(VIEWER_CACHE_MS, exp - now, maxAgeEnds - now);
    if (ttl > 0) this.viewers.set(cacheKey, viewer, { ttl });
    return viewer;
  }

  /**
   * Called by endAllSessions after the account's token version was incremented: this process forgets
   * the account's cached JWT viewers at once; other API processes forget them within VIEWER_CACHE_MS.
   * API keys are not sessions and stay cached (they end when revoked).
   */
  forgetSessions(accountId: string): void {
    for (const [key, viewer] of this.viewers.entries()) {
      if (viewer.accountId === accountId && viewer.via === 'jwt') this.viewers.delete(key);
    }
  }

  /**
   * Called when an account's standing changed (its email confirmed): this process reads it again at the next
   * request, for sessions and API keys alike; other API processes within VIEWER_CACHE_MS.
   */
  forgetViewers(accountId: string): void {
    for (const [key, viewer] of this.viewers.entries()) {
      if (viewer.accountId === accountId) this.viewers.delete(key);
    }
  }

  /** Called when an API key is revoked: this process stops accepting it at once. */
  forgetApiKey(secretHash: string): void {
    this.viewers.delete(secretHash);
  }

  private async viewerFromApiKey(secret: string): Promise<Viewer> {
    const key = await apiKeys.activeApiKeyByHash(this.db.reads, sha256(secret));
    if (!key) throw unauthenticated('The API key is unknown or revoked');
    return this.viewerForAccount(key.accountId, 'api-key');
  }

  async viewerForAccount(accountId: string, via: Viewer['via']): Promise<Viewer> {
    return (await this.loadViewer(accountId, via)).viewer;
  }

  /** The viewer and the account's current token version, from the one account read there always was. */
  private async loadViewer(accountId: string, via: Viewer['via']): Promise<{ viewer: Viewer; tokenVersion: number }> {
    const account = await accounts.findAccountById(this.db.reads, accountId);
    if (!account) throw unauthenticated('The account of this credential no longer exists');
    let firmId: string | null = null;
    if (account.role === Role.AI_FIRM) firmId = await firms.firmIdOfAccount(this.db.reads, accountId);
    const emailUnconfirmed = this.config.emailVerificationRequired && !account.emailVerifiedAt;
    return { viewer: { accountId: account.id, role: account.role, firmId, locale: account.locale, via, ...(emailUnconfirmed ? { emailUnconfirmed } : {}) }, tokenVersion: account.tokenVersion };
  }
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
