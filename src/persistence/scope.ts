import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Every bound parameter of a policy scope starts with this prefix, and no
 * filter may use it (narrow() refuses): a client-supplied filter can never
 * overwrite the scope's values, which TypeORM would otherwise do silently when
 * two conditions bind the same parameter name.
 */
export const SCOPE_PARAM_PREFIX = 'policyScope_';

/** The SQL form of a policy rule: a condition on the list's alias, with its own (prefixed) parameters. */
export interface SqlScope {
  where: string;
  params: Record<string, unknown>;
}

export const EVERYTHING: SqlScope = Object.freeze({ where: '1 = 1', params: {} });
export const NOTHING: SqlScope = Object.freeze({ where: '1 = 0', params: {} });

/** A scope parameter name (unique within one scope). */
export const scopeParam = (name: string) => `${SCOPE_PARAM_PREFIX}${name}`;

/**
 * A query over `entity` AS `alias` restricted to `scope`. The scope is the
 * first WHERE condition; add filters with narrow() only (they AND onto it).
 */
export function scopedQuery<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, alias: string, scope: SqlScope): SelectQueryBuilder<T> {
  return em.createQueryBuilder(entity, alias).where(`(${scope.where})`, scope.params);
}

/**
 * ANDs a filter condition onto a scoped query. Refuses (a programming error,
 * never reached by a client) a parameter that uses the scope prefix or that is
 * already bound, since binding it again would replace the earlier value.
 */
export function narrow<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, condition: string, params: Record<string, unknown> = {}): SelectQueryBuilder<T> {
  const bound = qb.getParameters();
  for (const name of Object.keys(params)) {
    if (name.startsWith(SCOPE_PARAM_PREFIX) || Object.prototype.hasOwnProperty.call(bound, name)) {
      throw new Error(`narrow(): the filter parameter :${name} would overwrite a bound value of this query; name it differently`);
    }
  }
  return qb.andWhere(`(${condition})`, params);
}

/**
 * "The account bound to :param is a principal of the case on `alias`": a
 * subquery on `case_principal` (the rights holders a case was filed for), for
 * the case rule's list scope (src/policies/case.policy.ts). Written as
 * `id IN (…)` rather than a correlated EXISTS so that, ORed with the
 * complainant's condition, both engines can answer each side from an index
 * (IDX_case_principal_principal, the case's primary key).
 */
export function principalOfCase(alias: string, param: string): string {
  return `${alias}.id IN (SELECT cp."caseId" FROM "case_principal" cp WHERE cp."principalId" = :${param})`;
}
