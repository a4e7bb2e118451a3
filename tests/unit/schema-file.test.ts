import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GraphQLSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildChoteiSchema } from '../../src/resolvers/build-schema';
import { schemaSdl } from '../../src/schema/schema-sdl';

let schema: GraphQLSchema;
beforeAll(async () => { schema = await buildChoteiSchema(); });

describe('schema.graphql', () => {
  it('is committed and matches the code (run `npm run schema` after changing the schema)', () => {
    const committed = readFileSync(resolve(__dirname, '../../schema.graphql'), 'utf8');
    expect(committed).toBe(schemaSdl(schema));
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
      if (isScalarType(type) || isUnionType(type)) continue;
    }
    expect(missing).toEqual([]);
  });

  it('keeps the contract names of API.md', () => {
    const mutations = Object.keys(schema.getMutationType()!.getFields());
    for (const name of ['signUp', 'logIn', 'createApiKey', 'revokeApiKey', 'createMediator', 'registerWork', 'registerAiSystem', 'fileComplaint', 'addEvidence',
      'withdrawComplaint', 'respondToNotice', 'decideReview', 'upsertReciprocityAgreement']) {
      expect(mutations).toContain(name);
    }
    const queries = Object.keys(schema.getQueryType()!.getFields());
    for (const name of ['me', 'myWorks', 'aiSystems', 'eligibility', 'previewAssessment', 'countries', 'country', 'ruleSets', 'case', 'cases']) expect(queries).toContain(name);
  });
});
