import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OptOutScope, OptOutSignal, OptOutChangeKind } from '../../domain/enums';
import { OptOutUse, OptOutUses } from '../../domain/opt-out-scope';
import { DateTime } from '../scalars';
import { Connection, PageInfo } from './connection';

registerEnumType(OptOutChangeKind, {
  name: 'OptOutChangeKind', description: 'What happened to an opt-out at one position of the feed.',
  valuesConfig: {
    REGISTERED: { description: 'The opt-out was registered.' },
    WITHDRAWN: { description: 'The opt-out was withdrawn by its creator: stop honouring it from changedAt.' },
  },
});

@ObjectType({ simpleResolvers: true, description: 'A creator\'s opt-out from AI training, for one work or all of the creator\'s works. Nothing in it identifies the creator.' })
export class OptOut {
  @Field(() => ID, { description: 'Identifier; AI firms pass it to acknowledgeOptOuts.' }) id: string;
  @Field({ description: 'The opt-out covers every work of the creator, including works registered later (work is then null).' }) allWorks: boolean;
  @Field(() => OptOutScope, { description: 'What kind of AI training it covers.' }) scope: OptOutScope;
  @Field(() => [OptOutSignal], { description: 'Where the opt-out is expressed besides this registry.' }) signals: OptOutSignal[];
  @Field(() => DateTime, { description: 'From when it applies: never before its registration (createdAt), except an opt-out carried over from an existing registry (importedFrom), which keeps that registry\'s date.' }) effectiveFrom: Date;
  @Field(() => String, { nullable: true, description: 'The existing registry this opt-out was imported from with its historical effectiveFrom (as the operator named it with import-opt-outs --from-registry); null for an opt-out registered here, imported or not.' }) importedFrom: string | null;
  @Field(() => DateTime, { nullable: true, description: 'When the creator withdrew it; null while it stands.' }) withdrawnAt: Date | null;
  @Field({ description: 'Recognised in Japan: eligibility grants the creator OPT_OUT_RECOGNITION (always for Japanese creators; for foreign creators only under a reciprocity agreement).' }) recognised: boolean;
  @Field(() => String, { nullable: true, description: 'Why it is recorded but not recognised; null when recognised. Its creator (and admins) read the eligibility rule and the data it used; everyone else, AI firms included, a neutral sentence that says nothing about the creator or the work.' }) notRecognisedReason: string | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the work\'s content (lowercase hex), copied from the work when registered; null for allWorks or a work without a hash.' }) contentHash: string | null;
  @Field(() => DateTime, { description: 'When it was registered.' }) createdAt: Date;
}

@ObjectType({ simpleResolvers: true, description: 'One change of the opt-out feed: a registration or a withdrawal, with its position.' })
export class OptOutFeedEdge {
  @Field({ description: 'Opaque cursor of this change; pass it as after to continue from here.' }) cursor: string;
  @Field(() => OptOut, { description: 'The opt-out as it stands now (a later WITHDRAWN change may already show in withdrawnAt).' }) node: OptOut;
  @Field(() => Int, { description: 'Position of the change in the feed: strictly increasing, in commit order.' }) seq: number;
  @Field(() => OptOutChangeKind, { description: 'What happened.' }) change: OptOutChangeKind;
  @Field(() => DateTime, { description: 'When it happened.' }) changedAt: Date;
}

@ObjectType({ simpleResolvers: true, description: 'A page of the opt-out feed: every registration and withdrawal in commit order.' })
export class OptOutConnection {
  @Field(() => [OptOutFeedEdge], { description: 'The changes of this page, oldest first.' }) edges: OptOutFeedEdge[];
  @Field(() => PageInfo, { description: 'Paging information; keep endCursor to resume the sync later.' }) pageInfo: PageInfo;
}

export const MyOptOutConnection = Connection(OptOut, 'MyOptOut', 'opt-out');

@ObjectType({ simpleResolvers: true, description: 'A content hash that an active opt-out covers.' })
export class OptOutMatch {
  @Field({ description: 'The hash that matched (as given).' }) contentHash: string;
  @Field(() => OptOut, { description: 'The opt-out that covers it: recognised, not withdrawn and already effective.' }) optOut: OptOut;
}

@ObjectType({ simpleResolvers: true, description: 'An active opt-out registered with an image perceptual hash within the asked Hamming distance of a hash you gave.' })
export class PerceptualOptOutMatch {
  @Field({ description: 'The perceptual hash you gave (16 lowercase hex characters).' }) hash: string;
  @Field(() => Int, { description: 'Bits (of 64) in which it differs from the nearest hash registered with the opt-out.' }) distance: number;
  @Field(() => OptOut, { description: 'The opt-out that covers it: recognised, not withdrawn and already effective.' }) optOut: OptOut;
}

@ObjectType({ simpleResolvers: true, description: 'What an opt-out signal\'s value reserves, as Chōtei reads it: the uses, the scope to register it with, and why.' })
export class OptOutSignalReading {
  @Field(() => OptOutSignal, { description: 'The signal, as asked.' }) signal: OptOutSignal;
  @Field(() => String, { description: 'The value, as given.' }) value: string;
  @Field(() => OptOutScope, { nullable: true, description: 'The scope that reserves exactly these uses (where none does, the narrowest that covers them, and explanation says what it adds); null when the value reserves nothing.' }) scope: OptOutScope | null;
  @Field(() => [OptOutUses], { description: 'The uses the value reserves; empty when it reserves none.' }) uses: OptOutUse[];
  @Field({ description: 'The training it reserves is only that of generative AI models.' }) generativeOnly: boolean;
  @Field({ description: 'The value reserves some AI use (an opt-out); false for values such as DMI-ALLOWED or tdm-reservation 0, which registerOptOut refuses.' }) reservesAnything: boolean;
  @Field({ description: 'How the value was read, with the decisions taken for ambiguous values, in your language (Accept-Language, then your account\'s).' }) explanation: string;
}
