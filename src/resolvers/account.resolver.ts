import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ArgLimits, RULES } from '../schema/validation/rules';
import { Role } from '../domain/enums';
import type { AccountEntity } from '../persistence/entities';
import type { GraphQLContext } from '../graphql/context';
import { Account, AiFirm, ApiKey, ApiKeyPayload, AuthPayload, CreatorProfile, MediatorProfile } from '../schema/types/account.types';
import { CreateMediatorInput, SignUpInput } from '../schema/inputs/account.inputs';
import { NotificationPreferencesInput } from '../schema/inputs/notification-preferences.inputs';
import { NotificationPreferences } from '../schema/types/notification-preferences.types';
import { notificationPreferences, NotificationPreferencesData } from '../domain/notification-mail';
import { presentedTo } from '../policies/context';
import { fields } from '../policies';

@Resolver(() => Account)
export class AccountResolver {
  @Mutation(() => AuthPayload, { description: 'Creates a CREATOR or AI_FIRM account with its profile and signs in.' })
  signUp(@Arg('input', () => SignUpInput, { description: 'The account and the profile that matches its role.' }) input: SignUpInput, @Ctx() { ctx, services }: GraphQLContext) {
    return services.accounts.signUp(ctx, input);
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with email and password; returns a JWT.' })
  @ArgLimits({ email: RULES.email, password: RULES.password })
  logIn(@Arg('email', { description: 'The account\'s email.' }) email: string, @Arg('password', { description: 'The password.' }) password: string,
    @Ctx() { ctx, services }: GraphQLContext) {
    return services.accounts.logIn(ctx, email, password);
  }

  @Mutation(() => Boolean, { description: 'Mails a link to reset the password ({PUBLIC_URL}/reset-password?token=…) to the account with this email, if there is one. Always true: the answer says nothing about whether the account exists.' })
  @ArgLimits({ email: RULES.email })
  requestPasswordReset(@Arg('email', { description: 'The account\'s email.' }) email: string, @Ctx() { ctx, services }: GraphQLContext) {
    return services.accounts.requestPasswordReset(ctx, email);
  }

  @Mutation(() => Boolean, { description: 'Sets a new password with the token of a password-reset mail (once, before it expires) and ends every session of the account.' })
  @ArgLimits({ token: { maxLength: 100 }, password: RULES.password })
  resetPassword(@Arg('token', { description: 'The token from the reset link (its `token` parameter).' }) token: string,
    @Arg('password', { description: 'The new password (the same rules as at sign-up).' }) password: string, @Ctx() { ctx, services }: GraphQLContext) {
    return services.accounts.resetPassword(ctx, token, password);
  }

  @Mutation(() => Account, { description: 'Confirms the account\'s email address with the token of the link mailed at sign-up ({PUBLIC_URL}/verify-email?token=…); no sign-in needed. '
    + 'The same token again answers the same until it expires. A wrong, expired or replaced token is refused (BAD_USER_INPUT on token) without saying which.' })
  @ArgLimits({ token: { maxLength: 100 } })
  verifyEmail(@Arg('token', { description: 'The token from the verification link (its `token` parameter).' }) token: string, @Ctx() { ctx, services }: GraphQLContext) {
    return services.accounts.verifyEmail(ctx, token);
  }

  @Mutation(() => Boolean, { description: 'Any signed-in account: mails a new verification link to its address (older unused links stop working); '
    + 'false, and nothing sent, when the address is already verified. At most one link a minute (RATE_LIMITED).' })
  resendEmailVerification(@Ctx() { ctx, services }: GraphQLContext) {
    return services.accounts.resendEmailVerification(ctx);
  }

  @Mutation(() => Account, { description: 'Any signed-in account: chooses which notifications are also sent by email (default: NOTICES and DEADLINES). '
    + 'Mail goes only to a verified address; the service of a notice on a respondent is mailed whatever this says.' })
  updateNotificationPreferences(@Arg('input', () => NotificationPreferencesInput, { description: 'What to change.' }) input: NotificationPreferencesInput,
    @Ctx() { ctx, services }: GraphQLContext) {
    return services.accounts.updateNotificationPreferences(ctx, input);
  }

  @Query(() => Account, { description: 'The signed-in account.' })
  me(@Ctx() { ctx, services }: GraphQLContext) {
    return services.accounts.me(ctx);
  }

  @Mutation(() => ApiKeyPayload, { description: 'AI_FIRM: creates an API key for machine clients; the secret is shown once.' })
  @ArgLimits({ name: { maxLength: 100 } })
  async createApiKey(@Arg('name', { description: 'A name to recognise the key by.' }) name: string, @Ctx() { ctx, services }: GraphQLContext) {
    const { secret, key } = await services.accounts.createApiKey(ctx, name);
    return { secret, key: secret, id: key.id, apiKey: key };
  }

  @Mutation(() => Boolean, { description: 'AI_FIRM: revokes one of the firm\'s API keys at once.' })
  revokeApiKey(@Arg('id', () => ID, { description: 'The key\'s id.' }) id: string, @Ctx() { ctx, services }: GraphQLContext) {
    return services.accounts.revokeApiKey(ctx, id);
  }

  @Mutation(() => Boolean, {
    description: 'Any signed-in account: ends all its sessions. Every JWT issued to the account before this call, the calling one included, '
      + 'is refused from then on (at once by the API process that answered, within 5 seconds by the others); log in again for a new token. '
      + 'API keys are not sessions: they keep working until revoked (revokeApiKey).',
  })
  endAllSessions(@Ctx() { ctx, services }: GraphQLContext) {
    return services.accounts.endAllSessions(ctx);
  }

  @Query(() => [ApiKey], { description: 'AI_FIRM: the firm account\'s API keys (never the secrets).' })
  apiKeys(@Ctx() { ctx, services }: GraphQLContext) {
    return services.accounts.listApiKeys(ctx);
  }

  @Mutation(() => Account, { description: 'ADMIN: creates a mediator with languages, specialties, capacity and conflicts of interest.' })
  createMediator(@Arg('input', () => CreateMediatorInput, { description: 'The mediator.' }) input: CreateMediatorInput, @Ctx() { ctx, services }: GraphQLContext) {
    return services.accounts.createMediator(ctx, {
      ...input, specialties: input.specialties ?? [], conflicts: input.conflicts ?? [],
    });
  }

  @FieldResolver(() => String, { description: 'Email address; shown in full to the account itself and admins, masked to others.' })
  email(@Root() account: AccountEntity, @Ctx() { ctx }: GraphQLContext): string {
    return fields.accountEmail(presentedTo(ctx), account);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the account\'s email address was confirmed through the link mailed at sign-up (verifyEmail).' })
  emailVerified(@Root() account: AccountEntity): boolean {
    return account.emailVerifiedAt != null;
  }

  @FieldResolver(() => NotificationPreferences, { nullable: true, description: 'What the account receives by email (updateNotificationPreferences); shown to the account itself and admins, null to everyone else.' })
  notificationPreferences(@Root() account: AccountEntity, @Ctx() { ctx }: GraphQLContext): NotificationPreferencesData | null {
    return fields.mayReadNotificationPreferences(presentedTo(ctx), account)
      ? notificationPreferences(account.notificationPreferences as Partial<NotificationPreferencesData> | null) : null;
  }

  @FieldResolver(() => CreatorProfile, { nullable: true, description: 'Creator profile (CREATOR accounts).' })
  creator(@Root() account: AccountEntity, @Ctx() { ctx, loaders }: GraphQLContext) {
    return fields.mayReadCreatorProfile(presentedTo(ctx), account) ? loaders.creatorProfile.load(account.id) : null;
  }

  @FieldResolver(() => AiFirm, { nullable: true, description: 'Firm profile (AI_FIRM accounts).' })
  firm(@Root() account: AccountEntity, @Ctx() { loaders }: GraphQLContext) {
    return account.role === Role.AI_FIRM ? loaders.firmByAccount.load(account.id) : null;
  }

  @FieldResolver(() => MediatorProfile, { nullable: true, description: 'Mediator profile (visible to the mediator and admins).' })
  mediator(@Root() account: AccountEntity, @Ctx() { ctx, loaders }: GraphQLContext) {
    return fields.mayReadMediatorProfile(presentedTo(ctx), account) ? loaders.mediatorProfile.load(account.id) : null;
  }
}

@Resolver(() => AiFirm)
export class AiFirmResolver {
  @FieldResolver(() => [AiSystemType], { description: 'The firm\'s registered AI systems.' })
  aiSystems(@Root() firm: { id: string }, @Ctx() { loaders }: GraphQLContext) {
    return loaders.aiSystemsByFirm.load(firm.id);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Where notices to a firm not on Chōtei are served by email: shown only to admins and the mediators of its cases; null to everyone else.' })
  contactEmail(@Root() firm: { id: string; contactEmail: string | null }, @Ctx() { ctx, services }: GraphQLContext) {
    const viewer = presentedTo(ctx);
    return fields.firmContactEmail(viewer, firm, () => services.cases.mediatesCaseOf(viewer!.accountId, firm.id));
  }
}

import { AiSystem as AiSystemType } from '../schema/types/account.types';
