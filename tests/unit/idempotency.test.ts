import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CREATING_MUTATIONS, createsRows, nothingDone, requestHash } from '../../src/graphql/idempotency';

const op = (source: string) => {
  const document = parse(source);
  return createsRows(document, getOperationAST(document)!);
};

describe('which requests take part in Idempotency-Key', () => {
  it('mutations with a root field that creates rows, through aliases and fragments', () => {
    expect(op('mutation { fileComplaint(input: {}) { id } }')).toBe(true);
    expect(op('mutation { a: markNotificationsRead(all: true) b: registerWork(input: {}) { id } }')).toBe(true);
    expect(op('mutation { ...F } fragment F on Mutation { addEvidence(caseId: "x", input: {}) { id } }')).toBe(true);
    expect(op('mutation { ... on Mutation { makeOffer(caseId: "x", input: {}) { id } } }')).toBe(true);
    expect(op('mutation { withdrawComplaint(caseId: "x") { id } }')).toBe(false);
    expect(op('mutation { logIn(email: "a", password: "b") { token } }')).toBe(false);
  });

  it('names mutations the schema has', () => {
    const fields = buildSchema(readFileSync(join(__dirname, '../../schema.graphql'), 'utf8')).getMutationType()!.getFields();
    expect([...CREATING_MUTATIONS].filter((name) => !fields[name])).toEqual([]);
  });
});

describe('what counts as the same request', () => {
  it('ignores layout and the order of variables, not their values or the operation', () => {
    const a = requestHash(parse('mutation M($x: Int) { registerWork(input: {}) { id } }'), 'M', { a: 1, b: { c: 2, d: 3 } });
    expect(requestHash(parse('mutation M($x: Int) {\n  registerWork(input: {}) {\n    id\n  }\n}'), 'M', { b: { d: 3, c: 2 }, a: 1 })).toBe(a);
    expect(requestHash(parse('mutation M($x: Int) { registerWork(input: {}) { id } }'), 'M', { a: 1, b: { c: 2, d: 4 } })).not.toBe(a);
    expect(requestHash(parse('mutation M($x: Int) { registerWork(input: {}) { id title } }'), 'M', { a: 1, b: { c: 2, d: 3 } })).not.toBe(a);
  });
});

describe('an answer in which nothing was done (its key is released, not kept)', () => {
  const refused = (code: string, path?: string[]) => ({ message: 'no', path, extensions: { code } });
  it('refusals raised by the root field or before it ran, with no data', () => {
    expect(nothingDone({ data: null, errors: [refused('BAD_USER_INPUT', ['fileComplaint'])] })).toBe(true);
    expect(nothingDone({ errors: [refused('UNAUTHENTICATED')] })).toBe(true);
    expect(nothingDone({ data: null, errors: [refused('SERVICE_UNAVAILABLE', ['fileComplaint'])] })).toBe(true);
    expect(nothingDone({ data: { a: null, b: null }, errors: [refused('NOT_FOUND', ['a']), refused('CONFLICT', ['b'])] })).toBe(true);
  });
  it('is kept when anything may have been done', () => {
    expect(nothingDone({ data: { fileComplaint: { id: '1' } } })).toBe(false);
    // one root field made its row, another was refused
    expect(nothingDone({ data: { a: { id: '1' }, b: null }, errors: [refused('BAD_USER_INPUT', ['b'])] })).toBe(false);
    // the row was made, a field of the answer failed (the null bubbled up to data)
    expect(nothingDone({ data: null, errors: [refused('FORBIDDEN', ['fileComplaint', 'assessment'])] })).toBe(false);
    // unexpected: whether it committed is unknown
    expect(nothingDone({ data: null, errors: [refused('INTERNAL_SERVER_ERROR', ['fileComplaint'])] })).toBe(false);
  });
});
