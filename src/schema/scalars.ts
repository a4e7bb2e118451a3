import { DateTimeResolver, SafeIntResolver } from 'graphql-scalars';

/** ISO 8601 date-time in UTC. */
export const DateTime = DateTimeResolver;
/** Whole numbers within ±(2^53 − 1): money is whole yen. */
export const SafeInt = SafeIntResolver;
