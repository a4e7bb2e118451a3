import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Protection, Treaty } from '../../domain/enums';
import { DateTime } from '../scalars';
import { RuleFinding } from './case.types';

@ObjectType({ simpleResolvers: true, description: 'Whether a creator (and claim) may use Chōtei, with every rule that decided it.' })
export class EligibilityResult {
  @Field({ description: 'True when every rule passes: the complaint can be filed and proceeds.' }) eligible: boolean;
  @Field(() => [Protection], { description: 'Protections Japan extends to this creator.' }) protections: Protection[];
  @Field(() => DateTime, { nullable: true, description: 'Last day of protection in Japan; null when not protected or the author lives.' }) protectedUntil: Date | null;
  @Field(() => [RuleFinding], { description: 'Each rule (PROTECTED_WORK, TERM, PROTECTIONS, CLAIM_ACCESS, APPLICABLE_LAW, CROSS_BORDER_REFERRAL) with its finding, reason and citation.' }) rules: RuleFinding[];
  @Field(() => [String], { description: 'Facts not given that would change the answer.' }) missingFacts: string[];
  @Field(() => String, { nullable: true, description: 'Partner country whose body receives a copy of the notice (cross-border referral), if any.' }) crossBorderReferralCountry: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'A treaty membership and the date it entered into force for the country.' })
export class TreatyMembership {
  @Field(() => Treaty, { description: 'The treaty.' }) treaty: Treaty;
  @Field({ description: 'Date of entry into force (YYYY-MM-DD).' }) inForceFrom: string;
}

@ObjectType({ simpleResolvers: true, description: 'A state and what Japan\'s copyright relations with it rest on.' })
export class Country {
  @Field({ description: 'ISO 3166-1 alpha-2 code.' }) code: string;
  @Field({ description: 'Name in English.' }) name: string;
  @Field(() => [TreatyMembership], { description: 'Treaty memberships with entry-into-force dates.' }) memberships: TreatyMembership[];
  @Field(() => Int, { description: 'Term of protection after the author\'s death in that country (years), for Art. 58.' }) termYearsAfterDeath: number;
  @Field(() => Int, { nullable: true, description: 'Allied-national wartime extension (days) Japan adds, where it applies.' }) wartimeExtensionDays: number | null;
  @Field(() => [ReciprocityAgreement], { description: 'Reciprocity agreements with Japan.' }) agreements: ReciprocityAgreement[];
}

@ObjectType({ simpleResolvers: true, description: 'A reciprocity agreement between Japan and a partner country.' })
export class ReciprocityAgreement {
  @Field(() => ID, { description: 'Identifier.' }) id: string;
  @Field({ description: 'Partner country (ISO 3166-1 alpha-2).' }) partnerCountry: string;
  @Field({ description: 'Title.' }) title: string;
  @Field(() => DateTime, { description: 'In force from.' }) inForceFrom: Date;
  @Field(() => DateTime, { nullable: true, description: 'In force until (inclusive); null while open-ended.' }) inForceTo: Date | null;
  @Field(() => [Protection], { description: 'Protections it extends to the partner\'s creators.' }) protections: Protection[];
  @Field(() => String, { nullable: true, description: 'Partner body that receives copies of notices.' }) partnerBody: string | null;
  @Field({ description: 'Demo data, not a real agreement.' }) demo: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'A versioned rule set of infringement criteria.' })
export class RuleSet {
  @Field({ description: 'Version, e.g. jp-2024.1.' }) version: string;
  @Field({ description: 'Title.' }) title: string;
  @Field({ description: 'What it encodes.' }) description: string;
  @Field({ description: 'Date from which it applies (YYYY-MM-DD).' }) effectiveFrom: string;
  @Field(() => [String], { description: 'Criterion codes, in evaluation order.' }) criteria: string[];
  @Field({ description: 'The rule set new assessments use.' }) current: boolean;
}
