import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ArgLimits, RULES } from '../schema/validation/rules';
import { stateOf } from '../services/case-workflow';
import type { AssessmentEntity, CaseEntity, CaseEventEntity } from '../persistence/entities';
import type { GraphQLContext } from '../graphql/context';
import { CaseFilter, EvidenceInput, FileComplaintInput } from '../schema/inputs/case.inputs';
import { Account, AiFirm, AiSystem } from '../schema/types/account.types';
import { Assessment, Case, CaseConnection, CaseEvent, CaseEventConnection, Deadline, EventActor, Evidence } from '../schema/types/case.types';
import { toConnection } from '../schema/types/connection';
import { Work } from '../schema/types/work.types';
import { notFound } from '../domain/errors';
import { canSeeCase } from '../policies';
import { presentAssessment } from './presenters';

@Resolver(() => Case)
export class CaseResolver {
  @Mutation(() => Case, { description: 'CREATOR: files a complaint. Intake, screening and the notice follow as background jobs.' })
  fileComplaint(@Arg('input', () => FileComplaintInput, { description: 'The complaint.' }) input: FileComplaintInput, @Ctx() { ctx, services }: GraphQLContext) {
    return services.cases.fileComplaint(ctx, { ...input, facts: { ...input.facts } });
  }

  @Mutation(() => Evidence, { description: 'A party adds evidence to an open case; the case is re-assessed.' })
  addEvidence(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('input', () => EvidenceInput, { description: 'The evidence.' }) input: EvidenceInput,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.cases.addEvidence(ctx, caseId, input);
  }

  @Mutation(() => Case, { description: 'CREATOR: withdraws the complaint from any open status (CLOSED, WITHDRAWN).' })
  @ArgLimits({ reason: RULES.reason })
  withdrawComplaint(
    @Arg('caseId', () => ID, { description: 'The case.' }) caseId: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why (optional, shown in the history).' }) reason: string | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.cases.withdraw(ctx, caseId, reason);
  }

  @Mutation(() => Int, { description: 'ADMIN: re-assesses the open cases the filter selects (screened, not closed) under the current rule set or the one named, through the screening job; each case gets a new assessment (the old ones stay) and an ASSESSED event whose detail lists what changed, finding by finding. Returns how many cases were queued.' })
  @ArgLimits({ ruleSetVersion: { maxLength: 32 } })
  reassessCases(
    @Arg('filter', () => CaseFilter, { nullable: true, description: 'Which open cases (default: every open case).' }) filter: CaseFilter | null,
    @Arg('ruleSetVersion', () => String, { nullable: true, description: 'The rule set to assess under, e.g. jp-2024.1 (default: the current one; see ruleSets).' }) ruleSetVersion: string | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return services.screening.queueReassessment(ctx, filter, ruleSetVersion);
  }

  @Query(() => Case, { nullable: true, description: 'One case you may see. Another party\'s case answers NOT_FOUND, like a missing one.' })
  case(@Arg('id', () => ID, { description: 'The case id.' }) id: string, @Ctx() { ctx, services, loaders }: GraphQLContext) {
    return services.cases.requireCase(ctx, id, (caseId) => loaders.case.load(caseId));
  }

  @Query(() => CaseConnection, { description: 'The cases you may see, newest first: a creator\'s own, a firm\'s noticed cases, a mediator\'s assigned ones, all for admins.' })
  async cases(
    @Arg('filter', () => CaseFilter, { nullable: true, description: 'Narrow the list.' }) filter: CaseFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from the previous page.' }) after: string | null,
    @Ctx() { ctx, services }: GraphQLContext,
  ) {
    return toConnection(await services.cases.listCases(ctx, filter, { first, after }));
  }

  @FieldResolver(() => Boolean, { description: 'The firm let the response window pass without answering (no automatic win).' })
  defaulted(@Root() row: CaseEntity): boolean {
    return stateOf(row).defaulted;
  }

  @FieldResolver(() => Account, { description: 'The creator who filed it.' })
  async complainant(@Root() row: CaseEntity, @Ctx() { loaders }: GraphQLContext) {
    return loaders.account.load(row.complainantId);
  }

  @FieldResolver(() => AiFirm, { description: 'The firm complained of.' })
  async respondent(@Root() row: CaseEntity, @Ctx() { loaders }: GraphQLContext) {
    const firm = await loaders.firm.load(row.respondentFirmId);
    if (!firm) throw notFound('AI firm', row.respondentFirmId);
    return firm;
  }

  @FieldResolver(() => AiSystem, { nullable: true, description: 'The AI system complained of, when named.' })
  aiSystem(@Root() row: CaseEntity, @Ctx() { loaders }: GraphQLContext) {
    return row.aiSystemId ? loaders.aiSystem.load(row.aiSystemId) : null;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The assigned mediator.' })
  mediator(@Root() row: CaseEntity, @Ctx() { loaders }: GraphQLContext) {
    return row.mediatorId ? loaders.account.load(row.mediatorId) : null;
  }

  @FieldResolver(() => [Work], { description: 'The works concerned.' })
  works(@Root() row: CaseEntity, @Ctx() { ctx, loaders }: GraphQLContext) {
    return canSeeCase(ctx.viewer, row) ? loaders.worksByCase.load(row.id) : [];
  }

  @FieldResolver(() => [Evidence], { description: 'Evidence, oldest first.' })
  evidence(@Root() row: CaseEntity, @Ctx() { ctx, loaders }: GraphQLContext) {
    return canSeeCase(ctx.viewer, row) ? loaders.evidenceByCase.load(row.id) : [];
  }

  @FieldResolver(() => Assessment, { nullable: true, description: 'The latest assessment (earlier ones are in assessments and the history).' })
  async assessment(@Root() row: CaseEntity, @Ctx() { ctx, loaders }: GraphQLContext) {
    if (!canSeeCase(ctx.viewer, row)) return null;
    const all = await loaders.assessmentsByCase.load(row.id);
    return all.length ? presentAssessment(all[all.length - 1], ctx.locale) : null;
  }

  @FieldResolver(() => [Assessment], { description: 'Every assessment of the case, oldest first.' })
  async assessments(@Root() row: CaseEntity, @Ctx() { ctx, loaders }: GraphQLContext) {
    if (!canSeeCase(ctx.viewer, row)) return [];
    return (await loaders.assessmentsByCase.load(row.id)).map((a: AssessmentEntity) => presentAssessment(a, ctx.locale));
  }

  @FieldResolver(() => [Deadline], { description: 'Windows now running, soonest first.' })
  async deadlines(@Root() row: CaseEntity, @Ctx() { ctx, loaders }: GraphQLContext) {
    return canSeeCase(ctx.viewer, row) ? loaders.deadlinesByCase.load(row.id) : [];
  }

  @FieldResolver(() => CaseEventConnection, { description: 'The history, oldest first.' })
  async events(
    @Root() row: CaseEntity,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor from the previous page.' }) after: string | null,
    @Ctx() { ctx, services, loaders }: GraphQLContext,
  ) {
    return toConnection(await services.cases.eventPage(ctx, row, { first, after }, (caseId, afterSeq, limit) => loaders.eventPageByCase.load({ caseId, afterSeq, limit })));
  }
}

@Resolver(() => CaseEvent)
export class CaseEventResolver {
  @FieldResolver(() => EventActor, { description: 'Who did it.' })
  async actor(@Root() event: CaseEventEntity, @Ctx() { loaders }: GraphQLContext) {
    const account = event.actorId ? await loaders.account.load(event.actorId) : null;
    return { kind: event.actorRole, accountId: event.actorId, displayName: account?.displayName ?? null };
  }
}
