import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

/** The committed schema.graphql: the sorted SDL with a header. `npm run schema` writes it; a test compares it. */
export function schemaSdl(schema: GraphQLSchema): string {
  return `# Chōtei GraphQL schema — generated from the code by \`npm run schema\`; do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
