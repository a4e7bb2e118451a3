import { Extensions } from 'type-graphql';
import { ARG_RULES, INPUT_RULE, InputRule } from './input-rule';

export { ARG_RULES, DEFAULT_RULE, INPUT_RULE, RULES } from './input-rule';
export type { InputRule } from './input-rule';

/** Declares the rule of an input-object field: `@Field() @Limit({ maxLength: 500 }) title: string`. */
export function Limit(rule: InputRule): PropertyDecorator {
  return Extensions({ [INPUT_RULE]: rule }) as PropertyDecorator;
}

/**
 * Declares the rules of a query's, mutation's or field resolver's arguments by
 * name (type-graphql keeps no extensions on arguments themselves):
 * `@ArgLimits({ reason: { text: true, maxLength: 2000 } })`.
 */
export function ArgLimits(rules: Record<string, InputRule>): MethodDecorator {
  return Extensions({ [ARG_RULES]: rules }) as MethodDecorator;
}
