import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema, NonEmptyArray } from 'type-graphql';
import './enums';
import { RESOLVERS } from '../resolvers';

export const SCHEMA_FILE = 'schema.graphql';

/** Builds the schema; with `emitTo`, also writes the SDL (the committed schema.graphql). */
export async function buildChoteiSchema(emitTo?: string): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS as unknown as NonEmptyArray<Function>,
    validate: { forbidUnknownValues: false },
    emitSchemaFile: emitTo ? { path: emitTo, sortedSchema: true } : false,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    pubSub: undefined,
  });
}
