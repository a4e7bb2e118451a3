import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, getOperationAST } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env';
import { jitExecution } from '../../src/graphql/jit-executor';
import { LIST_BOUNDS, listFields, QueryGuard } from '../../src/graphql/limits';
import { buildChoteiSchema } from '../../src/resolvers/build-schema';

let schema: GraphQLSchema;
beforeAll(async () => { schema = await buildChoteiSchema(); });

describe('list bounds', () => {
  it('every list field of the schema has a declared bound (or lists enum values)', () => {
    const missing = listFields(schema).filter((f) => !f.connection && !f.enumItems && !(f.key in LIST_BOUNDS)).map((f) => f.key);
    expect(missing, 'declare these in LIST_BOUNDS (src/graphql/limits.ts)').toEqual([]);
  });

  it('declares no bound for a field that is not a list of the schema', () => {
    const lists = new Set(listFields(schema).map((f) => f.key));
    expect(Object.keys(LIST_BOUNDS).filter((key) => !lists.has(key))).toEqual([]);
  });

  it('costs a plain list by its bound and a connection by its page size', () => {
    const guard = new QueryGuard(schema, { maxBytes: 100_000, maxTokens: 1000, maxAliases: 30, maxDirectives: 50, maxDepth: 10, maxCost: 1_000_000, timeoutMs: 0 });
    const cost = (q: string, variables: Record<string, unknown> = {}) => {
      const verdict = guard.check(q, null, variables);
      if (verdict.refusal) throw verdict.refusal;
      return verdict.cost!;
    };
    expect(cost('{ countries { code } }')).toBe(1 + 250);
    expect(cost('{ country(code: "JP") { code } }')).toBe(1);
    expect(cost('{ countries { code name } }')).toBe(1 + 250);
    expect(cost('query($h: [String!]!) { checkOptOuts(contentHashes: $h) { contentHash optOut { id scope } } }', { h: Array(10_000).fill('a') })).toBe(1 + 10_000);
    expect(cost('query($h: [String!]!) { checkOptOuts(contentHashes: $h) { contentHash optOut { id work { id } } } }', { h: Array(10_000).fill('a') })).toBe(1 + 20_000);
    expect(cost('query($h: [String!]!) { checkOptOuts(contentHashes: $h) { contentHash } }', { h: ['a'.repeat(64), 'b'.repeat(64)] })).toBe(1 + 2);
    expect(cost('query($h: [String!]!) { checkOptOuts(contentHashes: $h) { contentHash } }', { h: Array(10_000).fill('a') })).toBe(1 + 10_000);
    expect(cost('query($n: Int) { myWorks(first: $n) { edges { node { id } } } }', { n: 10 })).toBe(1 + 10 * (1 + 1));
    expect(cost('query($n: Int) { myWorks(first: $n) { edges { node { id } } } }', { n: 100 })).toBe(1 + 100 * (1 + 1));
  });
});

describe('configuration', () => {
  const base = { JWT_SECRET: 'x'.repeat(40) };
  it('refuses CORS_ORIGINS=* in production, and allows no origin there by default', () => {
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS: "\*" is refused in production/);
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).corsOrigins).toEqual([]);
    expect(loadConfig({ ...base, NODE_ENV: 'production', CORS_ORIGINS: 'https://app.example.jp, https://a.example.jp:8443' }).corsOrigins)
      .toEqual(['https://app.example.jp', 'https://a.example.jp:8443']);
    expect(loadConfig({ ...base, NODE_ENV: 'development' }).corsOrigins).toBe('*');
  });
  it('refuses an origin that is not one', () => {
    expect(() => loadConfig({ ...base, CORS_ORIGINS: 'https://app.example.jp/path' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, CORS_ORIGINS: 'app.example.jp' })).toThrow(ConfigError);
  });
  it('reads the limits', () => {
    const config = loadConfig({ ...base, QUERY_TIMEOUT: 'PT2S', MAX_BODY_BYTES: '65536', QUERY_MAX_TOKENS: '500' });
    expect(config.queryTimeoutMs).toBe(2000);
    expect(config.maxBodyBytes).toBe(65536);
    expect(config.queryMaxTokens).toBe(500);
    expect(() => loadConfig({ ...base, QUERY_MAX_ALIASES: 'many' })).toThrow(/QUERY_MAX_ALIASES/);
  });
});

describe('the execution time budget', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let reached = 0;
  const Item = new GraphQLObjectType({
    name: 'Item',
    fields: { touched: { type: GraphQLString, resolve: (_r, _a, ctx: any) => { void ctx.services.anything; reached += 1; return 'read'; } } },
  });
  const tiny = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        item: { type: Item, resolve: async () => { await sleep(150); return {}; } },
        fast: { type: GraphQLString, resolve: () => 'ok' },
      },
    }),
  });

  async function run(jit: boolean, timeoutMs: number, query: string) {
    const { executor } = await jitExecution(tiny, { jit, timeoutMs }).load({} as never);
    const document = parse(query);
    const context = { services: { anything: 1 }, loaders: {} };
    const started = performance.now();
    const result = await executor!({ document, request: { query }, context, operation: getOperationAST(document)! } as never);
    return { result, ms: performance.now() - started };
  }

  for (const jit of [true, false]) {
    it(`stops a query over its budget (${jit ? 'graphql-jit' : 'graphql-js'}) and starts no resolver afterwards`, async () => {
      reached = 0;
      const { result, ms } = await run(jit, 30, '{ item { touched } }');
      expect(ms).toBeLessThan(140);
      expect(result.data).toBeNull();
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', rule: 'timeout', limit: 30 });
      await sleep(250); // the abandoned `item` resolves; `touched` then finds no services
      expect(reached).toBe(0);
    });

    it(`lets a query within its budget finish (${jit ? 'graphql-jit' : 'graphql-js'})`, async () => {
      reached = 0;
      const { result } = await run(jit, 5000, '{ item { touched } fast }');
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ item: { touched: 'read' }, fast: 'ok' });
      expect(reached).toBe(1);
    });
  }
});
