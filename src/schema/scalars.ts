import { GraphQLScalarType, Kind, ValueNode } from 'graphql';
import { DateTimeResolver, SafeIntResolver } from 'graphql-scalars';
import { Locale, MESSAGES } from './validation/messages';
import { readDateTime } from './validation/strings';

/**
 * A value a scalar of this schema could not read. Instead of throwing (which
 * graphql-js reports as GRAPHQL_VALIDATION_FAILED for a literal, or as a
 * message about the variable without the field for a variable), the scalar
 * returns this marker; the input validation layer
 * (src/schema/validation/validate-operation.ts), which runs over every
 * operation's coerced arguments before any resolver, finds it and answers
 * BAD_USER_INPUT naming the exact field. No resolver ever receives one.
 */
export class InvalidScalarValue {
  constructor(readonly message: (locale: Locale) => string) {}
}

function strict(base: GraphQLScalarType, read: (value: unknown) => unknown, literalKinds: readonly Kind[]): GraphQLScalarType {
  const config = base.toConfig();
  return new GraphQLScalarType({
    ...config,
    parseValue: read,
    parseLiteral: (ast: ValueNode, variables) => {
      if (!literalKinds.includes(ast.kind)) return config.parseLiteral(ast, variables);
      return read('value' in ast ? (ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? Number(ast.value) : ast.value) : undefined);
    },
  });
}

/** ISO 8601 date-time with a time zone, read into UTC: see readDateTime. */
export const DateTime = strict(DateTimeResolver, (value) => {
  const read = readDateTime(value);
  return read instanceof Date ? read : new InvalidScalarValue(read);
}, [Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN]);

/** Whole numbers within ±(2^53 − 1): money is whole yen. */
export const SafeInt = strict(SafeIntResolver, (value) => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return new InvalidScalarValue(MESSAGES.notSafeInt);
  return value;
}, [Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN]);
