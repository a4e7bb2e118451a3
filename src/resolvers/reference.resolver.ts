import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CURRENT_RULE_SET, RULE_SETS } from '../domain/criteria/rule-sets';
import type { CountryEntity } from '../persistence/entities';
import type { GraphQLContext } from '../graphql/context';
import { CountryUpdateInput, EligibilityInput, ReciprocityAgreementInput } from '../schema/inputs/reference.inputs';
import { FileComplaintInput } from '../schema/inputs/case.inputs';
import { Assessment } from '../schema/types/case.types';
import { Country, EligibilityResult, ReciprocityAgreement, RuleSet } from '../schema/types/reference.types';
import { presentAssessment, presentEligibility } from './presenters';

@Resolver(() => Country)
export class ReferenceResolver {
  @Query(() => EligibilityResult, { description: 'Before filing: may this creator bring this claim against a firm of that country? Every refusal names the rule and the data it used.' })
  async eligibility(@Arg('input', () => EligibilityInput, { description: 'The creator, the work, the claim and the respondent.' }) input: EligibilityInput, @Ctx() { ctx, services }: GraphQLContext) {
    return presentEligibility(await services.reference.eligibility(ctx, { ...input, asOf: input.asOf ?? new Date() }), ctx.locale);
  }

  @Query(() => Assessment, { description: 'CREATOR: runs the rule set on a draft complaint without filing it, and lists the missing facts.' })
  async previewAssessment(@Arg('input', () => FileComplaintInput, { description: 'The draft complaint (goodFaithDeclaration and statement are not checked here).' }) input: FileComplaintInput,
    @Ctx() { ctx, services }: GraphQLContext) {
    return presentAssessment({ ...(await services.screening.preview(ctx, { ...input, facts: { ...input.facts } })), id: null, trigger: 'PREVIEW', createdAt: null }, ctx.locale);
  }

  @Query(() => [Country], { description: 'Every state with its treaty memberships, term and wartime extension.' })
  countries(@Ctx() { services }: GraphQLContext) {
    return services.reference.countries();
  }

  @Query(() => Country, { nullable: true, description: 'One state by ISO 3166-1 alpha-2 code.' })
  country(@Arg('code', { description: 'ISO 3166-1 alpha-2 code, e.g. "FR".' }) code: string, @Ctx() { services }: GraphQLContext) {
    return services.reference.country(code);
  }

  @Query(() => [ReciprocityAgreement], { description: 'Reciprocity agreements with Japan.' })
  reciprocityAgreements(@Ctx() { services }: GraphQLContext) {
    return services.reference.agreements();
  }

  @Query(() => [RuleSet], { description: 'Versioned rule sets of infringement criteria.' })
  ruleSets() {
    return RULE_SETS.map((r) => ({ version: r.version, title: r.title, description: r.description, effectiveFrom: r.effectiveFrom, criteria: [...r.criteria], current: r.version === CURRENT_RULE_SET.version }));
  }

  @Mutation(() => ReciprocityAgreement, { description: 'ADMIN: creates or updates a reciprocity agreement.' })
  upsertReciprocityAgreement(@Arg('input', () => ReciprocityAgreementInput, { description: 'The agreement.' }) input: ReciprocityAgreementInput, @Ctx() { ctx, services }: GraphQLContext) {
    return services.reference.upsertReciprocityAgreement(ctx, input);
  }

  @Mutation(() => Country, { description: 'ADMIN: corrects a country\'s treaty memberships, term of protection or wartime extension.' })
  updateCountry(@Arg('input', () => CountryUpdateInput, { description: 'The changes.' }) input: CountryUpdateInput, @Ctx() { ctx, services }: GraphQLContext) {
    return services.reference.updateCountry(ctx, input);
  }

  @FieldResolver(() => [ReciprocityAgreement], { description: 'Reciprocity agreements with Japan.' })
  async agreements(@Root() country: CountryEntity, @Ctx() { services }: GraphQLContext) {
    return (await services.reference.agreements()).filter((a) => a.partnerCountry === country.code);
  }
}
