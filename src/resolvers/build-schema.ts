import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema, NonEmptyArray } from 'type-graphql';
import '../schema/enums';
import { DateTime } from '../schema/scalars';
import { RESOLVERS } from './';
import { OWN_SUBSCRIBE_ONLY } from './subscription.resolver';

export const SCHEMA_FILE = 'schema.graphql';

/** Builds the schema; with `emitTo`, also writes the SDL (the committed schema.graphql). */
export async function buildChoteiSchema(emitTo?: string): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS as unknown as NonEmptyArray<Function>,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: emitTo ? { path: emitTo, sortedSchema: true } : false,
    scalarsMap: [{ type: Date, scalar: DateTime }],
    pubSub: OWN_SUBSCRIBE_ONLY,
  });
  describeRoots(schema);
  return schema;
}

/** type-graphql leaves the root types undescribed; the product describes every type. */
function describeRoots(schema: GraphQLSchema): void {
  const roots: Array<[ReturnType<GraphQLSchema['getQueryType']>, string]> = [
    [schema.getQueryType(), 'Reads: accounts, works, cases, reference data, eligibility and assessments.'],
    [schema.getMutationType(), 'Changes: sign-up, works, complaints and every move of a case.'],
    [schema.getSubscriptionType(), 'Live updates over graphql-ws at /graphql.'],
  ];
  for (const [type, description] of roots) if (type) type.description = description;
}
