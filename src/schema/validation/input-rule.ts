/*
 * The rules of the input validation layer as plain data (no type-graphql here,
 * so services and the CLI can use the same checks: see strings.ts).
 */

/**
 * What one input (an input-object field or a field argument) accepts beyond
 * its GraphQL type. Every string and list has a bound even when nothing is
 * declared (DEFAULT_RULE); declare a rule next to a field only where it
 * differs. The rules live in the schema's `extensions` (never printed in the
 * SDL) and are enforced by src/schema/validation/validate-operation.ts before
 * any resolver runs.
 */
export interface InputRule {
  /** Longest string accepted, in UTF-16 code units (JavaScript `length`). Default 200. */
  maxLength?: number;
  /**
   * Long free text (statements, descriptions, reasons, notes, messages):
   * newline, tab and carriage return are allowed, and so are bidirectional
   * controls (Arabic or Hebrew quoted inside Japanese text). Other control
   * characters never are.
   */
  text?: boolean;
  /** Bidirectional controls allowed in a one-line string (passwords only: they are never shown). */
  bidi?: boolean;
  /** Most items a list accepts. Default 100. */
  maxItems?: number;
  /** Smallest number accepted (Int, Float, SafeInt). */
  min?: number;
  /** Largest number accepted (Int, Float, SafeInt). */
  max?: number;
  /** A calendar date written YYYY-MM-DD (a String field: the day must exist). */
  date?: boolean;
}

/** The bounds of every string and list that declares nothing: short, one line, no bidi controls. */
export const DEFAULT_RULE = { maxLength: 200, maxItems: 100 } as const;

/** Key of an input field's rule in its GraphQL `extensions`. */
export const INPUT_RULE = 'inputRule';
/** Key of a field's argument rules (by argument name) in its GraphQL `extensions`. */
export const ARG_RULES = 'argRules';

/** Common rules, so a field says what it is rather than repeating numbers. */
export const RULES = {
  email: { maxLength: 320 },
  password: { maxLength: 200, bidi: true },
  url: { maxLength: 2000 },
  countryCode: { maxLength: 2 },
  reason: { text: true, maxLength: 2000 },
  statement: { text: true, maxLength: 20_000 },
  description: { text: true, maxLength: 5000 },
  amountJpy: { min: 0 },
  /** The services also refuse a year after the current one. */
  deathYear: { min: 1800, max: 9999 },
} as const satisfies Record<string, InputRule>;
