import { GraphQLSchema, parse, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildChoteiSchema } from '../../src/resolvers/build-schema';
import { IDE_TABS } from '../../src/http/graphiql-walkthrough';

let schema: GraphQLSchema;
beforeAll(async () => { schema = await buildChoteiSchema(); });

describe('the IDE\'s ready operations (GET /graphql)', () => {
  it('has a tab for each role, and every operation in them is valid against the schema', () => {
    expect(IDE_TABS.map((t) => t.title)).toEqual(['Start', 'Creator', 'AI firm', 'Mediator', 'Admin']);
    for (const tab of IDE_TABS) {
      const document = parse(tab.query);
      expect(validate(schema, document).map((e) => `${tab.title}: ${e.message}`)).toEqual([]);
      // Every variable an operation declares is in the tab's variables, and the headers are JSON.
      const variables = JSON.parse(tab.variables) as Record<string, unknown>;
      for (const op of document.definitions) {
        for (const v of 'variableDefinitions' in op ? op.variableDefinitions ?? [] : []) expect(variables, `${tab.title} $${v.variable.name.value}`).toHaveProperty(v.variable.name.value);
      }
      expect(() => JSON.parse(tab.headers)).not.toThrow();
    }
  });
});
