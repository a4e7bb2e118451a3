import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { NextFunction, Request, Response } from 'express';
import {
  DocumentNode, GraphQLError, GraphQLField, GraphQLSchema, Kind, NoFragmentCyclesRule, SelectionSetNode, ValidationRule,
  getNamedType, getNullableType, isEnumType, isInterfaceType, isLeafType, isListType, isObjectType, parse, validate, visit,
} from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config/env';
import { EXPECTED_WORKS_PER_CASE } from '../services/case.service';
import { MAX_CHECK_HASHES, MAX_PERCEPTUAL_HASHES } from '../services/opt-out.service';
import { DEFAULT_PAGE, MAX_PAGE } from '../persistence/paging/cursor';
import { MAX_ACTIONS, MAX_DATASET_IDS } from '../services/remedy.service';
import { MAX_SUPPRESSION_MEASURES } from '../services/transparency.service';
import type { GraphQLContext } from './context';
import { localize, localizeTooComplex, pickLocale } from '../infra/i18n/i18n';

/**
 * Query limits: what one GraphQL document may ask of the server.
 *
 * Every limit is checked BEFORE graphql-js validates the document: graphql-js's
 * own OverlappingFieldsCanBeMerged rule is quadratic in repeated fields
 * (~100 ms for 300 copies of `me { firm { id } }`), so a refusal that waited
 * for Apollo's validation would not be fast. The checks, in order, each
 * bounded by the previous one:
 *  1. size: bytes of the query text (QUERY_MAX_BYTES), before anything is parsed;
 *  2. tokens: graphql-js's parser stops at QUERY_MAX_TOKENS (its `maxTokens`
 *     option, the same check as graphql-armor's max-tokens, without a second parse);
 *  3. aliases, directives, depth (graphql-armor's rules, fragment cycles handled)
 *     and fragment cycles (graphql-js's NoFragmentCycles rule), in one pass;
 *  4. cost, list-aware (below), per operation and cost-relevant variables.
 * The verdict is kept per query text (LRU), and the cost per (operation,
 * cost variables), so a client repeating a query pays a map look-up.
 * A refusal answers HTTP 400 with extensions.code QUERY_TOO_COMPLEX.
 *
 * Why graphql-armor's rules are run here and not through `ApolloArmor`'s
 * `validationRules`: Apollo runs those together with graphql-js's specified
 * rules (too late, see above), and ApolloArmor's max-tokens plugin throws from
 * `parsingDidStart`, which Apollo answers with HTTP 500.
 *
 * Why graphql-query-complexity and not graphql-armor's cost-limit: armor's
 * cost is per node (objectCost, scalarCost, a depth factor) and knows nothing
 * of arguments or list sizes, so `countries { code }` costs the same as
 * `country(code:) { code }`. graphql-query-complexity's estimators see the
 * field, its arguments and the cost of its children, so a list field costs
 * its children times its real bound (LIST_BOUNDS).
 */

export interface QueryLimits {
  maxBytes: number;
  maxTokens: number;
  maxAliases: number;
  maxDirectives: number;
  /** Counted as graphql-depth-limit did: a top-level field is at depth 0. */
  maxDepth: number;
  maxCost: number;
  /** Execution budget of one query operation in ms (0: none); applied by src/graphql/jit-executor.ts. */
  timeoutMs: number;
}

export function queryLimits(config: Config): QueryLimits {
  return {
    maxBytes: config.queryMaxBytes, maxTokens: config.queryMaxTokens, maxAliases: config.queryMaxAliases,
    maxDirectives: config.queryMaxDirectives, maxDepth: config.queryMaxDepth, maxCost: config.queryMaxCost, timeoutMs: config.queryTimeoutMs,
  };
}

// ---------------------------------------------------------------------------
// Cost

/**
 * How many items a list field can answer:
 *  - a number: its bound (a limit the service enforces, or the size of the
 *    reference data it lists);
 *  - { enum }: one item per value of that enum at most;
 *  - 'page': the edges of a connection, already counted by the connection's `first`;
 *  - a function of the field's arguments.
 * Every list field of the schema must be here, or be a list of enum values;
 * tests/unit/query-limits.test.ts fails on a list field without a bound.
 */
export type ListBound = number | 'page' | { enum: string } | ((args: Record<string, unknown>) => number);

/**
 * Lists whose size no service limit fixes: what a real case, firm or report is
 * expected to have. A case with more still answers; the estimate only has to
 * keep a full view of one case (every nested list) cheap and a page of 100
 * such views over the limit.
 */
const EXPECTED = { perCase: 20, perFirm: 1000, small: 50 } as const;

export const LIST_BOUNDS: Readonly<Record<string, ListBound>> = {
  // Reference data.
  'Query.countries': 250, // ISO 3166-1 has 249 codes
  'Query.reciprocityAgreements': 250, // at most one per partner state
  'Country.agreements': 10, // a state's agreements with Japan (a few versions at most)
  'Country.memberships': { enum: 'Treaty' },
  'ReciprocityAgreement.protections': { enum: 'Protection' },
  'Query.ruleSets': EXPECTED.small,
  'RuleSet.criteria': EXPECTED.small,
  'Query.licenseTemplates': EXPECTED.small,
  // Firms, systems, keys.
  'Query.aiSystems': 1000, // WorkService.aiSystems takes 1000
  'AiFirm.aiSystems': EXPECTED.perFirm,
  'AiSystem.suppressionMeasures': MAX_SUPPRESSION_MEASURES,
  'AiSystem.trainingDataCategories': EXPECTED.small,
  'Query.apiKeys': EXPECTED.small,
  // Operations: ReconcilerService.failedJobs takes `first` (default 50), 200 at most.
  'Query.failedJobs': (args) => Math.min(typeof args.first === 'number' ? args.first : 50, 200),
  'MediatorProfile.conflicts': EXPECTED.perFirm,
  'MediatorProfile.languages': EXPECTED.small,
  'MediatorProfile.specialties': EXPECTED.small,
  // Opt-outs: one match per hash given at most.
  'Query.checkOptOuts': (args) => Math.min(Array.isArray(args.contentHashes) ? args.contentHashes.length : MAX_CHECK_HASHES, MAX_CHECK_HASHES),
  'OptOut.signals': { enum: 'OptOutSignal' },
  // Perceptual: a registered image rarely lies within the distance of more than one opt-out's hashes.
  'Query.checkOptOutsPerceptual': (args) => Math.min(Array.isArray(args.hashes) ? args.hashes.length : MAX_PERCEPTUAL_HASHES, MAX_PERCEPTUAL_HASHES),
  // Given by the creator plus the works' reference images: a few.
  'OptOut.perceptualHashes': EXPECTED.small,
  // A work's authors: RegisterWorkInput.authors accepts 50, a real joint work has a few.
  'Work.authors': 10,
  // A case and what hangs off it.
  // A collective's complaint may name up to MAX_WORKS_PER_CASE (1000) works; an ordinary case names a few. The estimate
  // prices the expected size (one batched read either way), as for the other lists of a case.
  'Case.works': EXPECTED_WORKS_PER_CASE,
  'Case.assessments': EXPECTED.perCase,
  'Case.deadlines': EXPECTED.perCase,
  'Case.evidence': EXPECTED.perCase,
  'Case.licenseAgreements': EXPECTED.perCase,
  'Case.mediationSessions': EXPECTED.perCase,
  'Case.mediatorNotes': EXPECTED.perCase,
  'Case.offers': EXPECTED.perCase,
  'Case.remedyCertifications': EXPECTED.perCase,
  'Case.requestedRemedies': { enum: 'Remedy' },
  // Each principal holds at least one of the case's works (CaseService.checkComplaint).
  'Case.principals': EXPECTED_WORKS_PER_CASE,
  'Assessment.citations': EXPECTED.small,
  'Assessment.findings': EXPECTED.small,
  // One entry per output-sample file of the case the run triaged.
  'Assessment.triage': EXPECTED.perCase,
  'Assessment.missingFacts': EXPECTED.small,
  'Assessment.recommendedRemedies': { enum: 'Remedy' },
  'EligibilityResult.missingFacts': EXPECTED.small,
  'EligibilityResult.protections': { enum: 'Protection' },
  'EligibilityResult.rules': EXPECTED.small,
  'Offer.remedies': { enum: 'Remedy' },
  'Recommendation.remedies': { enum: 'Remedy' },
  'Settlement.remedies': { enum: 'Remedy' },
  // One share per principal at most (NegotiationService checks splits against Case.principals).
  'Offer.splits': EXPECTED_WORKS_PER_CASE,
  'Settlement.splits': EXPECTED_WORKS_PER_CASE,
  // Mandates: MandateInput.workIds takes MAX_MANDATE_WORKS (1000), but a catalogue that large is granted with allWorks; a listed mandate names a few.
  'Mandate.works': EXPECTED.small,
  'RemedyCertification.actions': MAX_ACTIONS,
  'RemedyAction.datasetIds': MAX_DATASET_IDS,
  'WebhookDelivery.attempts': EXPECTED.small, // retries for 24 h, doubling up to an hour apart
  'Notice.serviceAttempts': EXPECTED.small, // one a channel, plus the mail job's retries
  // Reports: one row per enum value, and one per firm.
  'TransparencyReport.byClaimType': { enum: 'ClaimType' },
  'TransparencyReport.byOutcome': { enum: 'CaseOutcome' },
  'TransparencyReport.byResolution': { enum: 'ResolutionKind' },
  'TransparencyReport.byStatus': { enum: 'CaseStatus' },
  'TransparencyReport.firms': EXPECTED.perFirm,
  // Connections: `first` items, counted on the connection field itself.
  'CaseConnection.edges': 'page',
  'CaseEventConnection.edges': 'page',
  'MandateConnection.edges': 'page',
  'MyOptOutConnection.edges': 'page',
  'NotificationConnection.edges': 'page',
  'OptOutConnection.edges': 'page',
  'WebhookDeliveryConnection.edges': 'page',
  'WorkConnection.edges': 'page',
};

/** A list field without a declared bound still costs something: this (and a unit test fails). */
const UNDECLARED_BOUND = 100;

const isConnectionType = (name: string) => name.endsWith('Connection');

/** Every list and connection field of the schema, as "Type.field". */
export function listFields(schema: GraphQLSchema): { key: string; leaf: boolean; enumItems: boolean; connection: boolean }[] {
  const found: { key: string; leaf: boolean; enumItems: boolean; connection: boolean }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      const connection = isConnectionType(named.name);
      if (!isListType(getNullableType(field.type)) && !connection) continue;
      found.push({ key: `${type.name}.${field.name}`, leaf: isLeafType(named), enumItems: isEnumType(named), connection });
    }
  }
  return found;
}

/**
 * The list-aware estimator: a connection costs 1 + its children times `first`;
 * any other list 1 + its children times its bound; anything else falls through
 * to objectCostEstimator.
 */
export function listCostEstimator(schema: GraphQLSchema): ComplexityEstimator {
  const enumSize = (name: string) => {
    const type = schema.getType(name);
    return type && isEnumType(type) ? type.getValues().length : UNDECLARED_BOUND;
  };
  const byField = new WeakMap<GraphQLField<unknown, unknown>, { bound: ListBound | null; leaf: boolean } | null>();
  const describe = (parent: string, field: GraphQLField<unknown, unknown>) => {
    let entry = byField.get(field);
    if (entry === undefined) {
      const named = getNamedType(field.type);
      if (isConnectionType(named.name)) entry = { bound: 'page', leaf: false };
      else if (!isListType(getNullableType(field.type))) entry = null;
      else {
        const declared = LIST_BOUNDS[`${parent}.${field.name}`];
        const bound = declared ?? (isEnumType(named) ? { enum: named.name } : UNDECLARED_BOUND);
        entry = { bound: typeof bound === 'object' ? enumSize(bound.enum) : bound, leaf: isLeafType(named) };
      }
      byField.set(field, entry);
    }
    return entry;
  };
  return ({ type, field, args, childComplexity }) => {
    const entry = describe(type.name, field);
    if (!entry) return undefined;
    if (isConnectionType(getNamedType(field.type).name)) {
      const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 1), MAX_PAGE) : DEFAULT_PAGE;
      return 1 + Math.max(childComplexity, 1) * first;
    }
    if (entry.bound === 'page') return 1 + childComplexity; // edges: counted by the connection's `first`
    const bound = typeof entry.bound === 'function' ? entry.bound(args) : (entry.bound as number);
    // Each item costs at least 1 (a row read), however few of its fields are selected.
    // A list of scalars or enum values is one column's value: no resolver or row read runs per item.
    return entry.leaf ? 1 : 1 + Math.max(childComplexity, 1) * bound;
  };
}

/**
 * Every field that is not a list: an object costs 1 (a row or a lookup) plus
 * its children; a scalar or enum costs nothing (it is read from its parent's
 * row). So `checkOptOuts(10,000 hashes) { contentHash optOut { id scope } }`
 * costs 10,001, and a list's items are what a query pays for.
 */
const objectCostEstimator: ComplexityEstimator = ({ field, childComplexity }) => (isLeafType(getNamedType(field.type)) ? 0 : 1 + childComplexity);

/**
 * Fields (after expanding fragments) that the cost estimate visits before it
 * gives up and refuses: a fragment spread twice in a fragment spread twice…
 * doubles at each level. An ordinary document under the token limit has far fewer.
 */
const MAX_QUERY_NODES = 5000;

/** Arguments whose value changes a cost: page sizes and list bounds, and @skip/@include conditions. */
const COST_ARGUMENTS = new Set(['first', 'contentHashes', 'hashes']);

/** The variables a document's cost depends on (every other variable leaves it unchanged). */
function costVariables(document: DocumentNode): string[] {
  const found = new Set<string>();
  let inDirective = 0;
  visit(document, {
    Directive: { enter: () => { inDirective += 1; }, leave: () => { inDirective -= 1; } },
    Argument(node) {
      if (!inDirective && !COST_ARGUMENTS.has(node.name.value)) return false;
      visit(node.value, { Variable(v) { found.add(v.name.value); } });
      return false;
    },
  });
  return [...found].sort();
}

// ---------------------------------------------------------------------------
// The guard

/** A refusal: HTTP 400, QUERY_TOO_COMPLEX, naming the limit. */
export function tooComplex(message: string, details: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', ...details } });
}

interface Entry {
  /** Null when the text does not parse for another reason than its size: Apollo answers GRAPHQL_PARSE_FAILED. */
  document: DocumentNode | null;
  refusal: GraphQLError | null;
  costVariables: string[];
  costs: Map<string, number>;
}

export type Verdict = { refusal: GraphQLError } | { refusal: null; document: DocumentNode | null; cost: number | null; maxCost: number };

export class QueryGuard {
  private readonly entries: LRUCache<string, Entry>;
  private readonly rules: ValidationRule[];
  private readonly estimators: ComplexityEstimator[];

  constructor(private readonly schema: GraphQLSchema, readonly limits: QueryLimits) {
    // Bounded by total query text held, not by count: at most ~8 MB of keys.
    this.entries = new LRUCache({ maxSize: 8 * 1024 * 1024, sizeCalculation: (_v, key) => Math.max(key.length, 1) });
    const rejected = (rule: string, limit: number, describe: (found: number) => string) => ({
      propagateOnRejection: false,
      onReject: [(context: { reportError(e: GraphQLError): void } | null, error: GraphQLError) => {
        const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? NaN);
        context?.reportError(tooComplex(describe(found), { rule, limit, ...(Number.isFinite(found) ? { found } : {}) }));
      }],
    });
    const { validationRules } = new ApolloArmor({
      blockFieldSuggestion: { enabled: false }, costLimit: { enabled: false }, maxTokens: { enabled: false },
      maxAliases: { n: limits.maxAliases, ...rejected('aliases', limits.maxAliases, (n) => `The query has ${n} aliases, over the limit of ${limits.maxAliases}`) },
      maxDirectives: { n: limits.maxDirectives, ...rejected('directives', limits.maxDirectives, (n) => `The query has ${n} directives, over the limit of ${limits.maxDirectives}`) },
      // armor counts a top-level field as depth 1; QUERY_MAX_DEPTH counts it as 0. Fragments do not add depth.
      maxDepth: {
        n: limits.maxDepth + 1, flattenFragments: true,
        ...rejected('depth', limits.maxDepth, (n) => `The query is nested ${n - 1} levels deep, over the depth limit of ${limits.maxDepth}`),
      },
    }).protect();
    const fragmentCycles: ValidationRule = (context) => NoFragmentCyclesRule(Object.create(context, {
      reportError: { value: (e: GraphQLError) => context.reportError(tooComplex(`A fragment cycle makes the query infinitely deep: ${e.message}`, { rule: 'fragmentCycle' })) },
    }));
    this.rules = [...validationRules, fragmentCycles];
    this.estimators = [listCostEstimator(schema), objectCostEstimator];
  }

  /** The verdict on one request: refused, or allowed with its cost (null when it cannot be estimated: Apollo then answers the error). */
  check(query: string, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): Verdict {
    const { limits } = this;
    // UTF-8 takes at most 3 bytes per UTF-16 unit: count bytes only when it matters.
    if (query.length * 3 > limits.maxBytes) {
      // At least one byte per UTF-16 unit: a text that long is over without counting.
      const bytes = query.length > limits.maxBytes ? query.length : Buffer.byteLength(query);
      if (bytes > limits.maxBytes) {
        return { refusal: tooComplex(`The query text is ${bytes} bytes, over the limit of ${limits.maxBytes}: send values as variables`, { rule: 'bytes', limit: limits.maxBytes, found: bytes }) };
      }
    }
    let entry = this.entries.get(query);
    if (!entry) {
      entry = this.examine(query);
      this.entries.set(query, entry);
    }
    if (entry.refusal) return { refusal: entry.refusal };
    if (!entry.document) return { refusal: null, document: null, cost: null, maxCost: limits.maxCost };
    const vars = variables ?? {};
    const key = entry.costVariables.length
      ? JSON.stringify([operationName ?? null, ...entry.costVariables.map((name) => { const v = vars[name]; return Array.isArray(v) ? v.length : v ?? null; })])
      : (operationName ?? '');
    let cost = entry.costs.get(key);
    if (cost === undefined) {
      try {
        cost = getComplexity({
          schema: this.schema, query: entry.document, variables: vars, operationName: operationName ?? undefined, estimators: this.estimators,
          maxQueryNodes: MAX_QUERY_NODES,
        });
      } catch (error) {
        if (/maximum allowed number of nodes/.test((error as Error).message)) {
          entry.refusal = tooComplex(`The query expands to more than ${MAX_QUERY_NODES} fields (fragments spread many times)`, { rule: 'nodes', limit: MAX_QUERY_NODES });
          entry.document = null;
          return { refusal: entry.refusal };
        }
        // Bad variables, an unknown operation…: execution answers those (BAD_USER_INPUT naming the variable).
        return { refusal: null, document: entry.document, cost: null, maxCost: limits.maxCost };
      }
      // Bounded: a client varying page sizes cannot grow this without limit.
      if (entry.costs.size < 100) entry.costs.set(key, cost);
    }
    if (cost > limits.maxCost) {
      return {
        refusal: tooComplex(`The query would cost ${cost}, over the limit of ${limits.maxCost}: ask for smaller pages (first), fewer nested lists or fewer fields`, {
          rule: 'cost', cost, limit: limits.maxCost,
        }),
      };
    }
    return { refusal: null, document: entry.document, cost, maxCost: limits.maxCost };
  }

  private examine(query: string): Entry {
    const none = { costVariables: [], costs: new Map<string, number>() };
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: this.limits.maxTokens, noLocation: false });
    } catch (error) {
      if (error instanceof RangeError || /contains more tha[nt] \d+ tokens/.test((error as Error).message)) {
        return { ...none, document: null, refusal: tooComplex(`The query has more than ${this.limits.maxTokens} tokens, over the limit`, { rule: 'tokens', limit: this.limits.maxTokens }) };
      }
      return { ...none, document: null, refusal: null };
    }
    const [first] = validate(this.schema, document, this.rules, { maxErrors: 1 });
    if (first) {
      const refusal = first.extensions?.code === 'QUERY_TOO_COMPLEX' ? first : tooComplex(first.message, { rule: 'limits' });
      return { ...none, document: null, refusal };
    }
    const fields = expandedFields(document, MAX_QUERY_NODES);
    if (fields > MAX_QUERY_NODES) {
      return { ...none, document: null, refusal: tooComplex(`The query expands to more than ${MAX_QUERY_NODES} fields (fragments spread many times)`, { rule: 'nodes', limit: MAX_QUERY_NODES }) };
    }
    return { document, refusal: null, costVariables: costVariables(document), costs: new Map() };
  }
}

/**
 * How many fields the document's operations select once fragments are
 * expanded (stops counting past `max`). Linear: each fragment is counted once.
 * Run after the rules above, so fragments form no cycle.
 */
function expandedFields(document: DocumentNode, max: number): number {
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  const memo = new Map<string, number>();
  const count = (set: SelectionSetNode | undefined): number => {
    let n = 0;
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) n += 1 + count(s.selectionSet);
      else if (s.kind === Kind.INLINE_FRAGMENT) n += count(s.selectionSet);
      else {
        let size = memo.get(s.name.value);
        if (size === undefined) memo.set(s.name.value, (size = count(fragments.get(s.name.value))));
        n += size;
      }
      if (n > max) return n;
    }
    return n;
  };
  let total = 0;
  for (const d of document.definitions) if (d.kind === Kind.OPERATION_DEFINITION) total += count(d.selectionSet);
  return total;
}

/**
 * In production, graphql-armor's plugin masks "Did you mean …?" field
 * suggestions, which would otherwise spell out the schema to a client without
 * introspection. (Subscriptions strip them in src/graphql/format-error.ts.)
 */
export function fieldSuggestionPlugins(production: boolean): ApolloServerPlugin<GraphQLContext>[] {
  if (!production) return [];
  const off = { enabled: false };
  const { plugins } = new ApolloArmor({
    blockFieldSuggestion: { enabled: true }, costLimit: off, maxAliases: off, maxDepth: off, maxDirectives: off, maxTokens: off,
  }).protect();
  return plugins as ApolloServerPlugin<GraphQLContext>[];
}

// ---------------------------------------------------------------------------
// HTTP: the guard before Apollo, and the cost in `extensions`

/** The cost of each admitted request, by its parsed body (no work at all on the way back). */
const admitted = new WeakMap<object, { cost: number; maxCost: number }>();

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

function variablesOf(raw: unknown): Record<string, unknown> | null {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) return raw as Record<string, unknown>;
  if (typeof raw === 'string') {
    try {
      const parsed = JSON.parse(raw) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed as Record<string, unknown> : null;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Express middleware in front of Apollo on /graphql: refuses documents over a
 * limit with HTTP 400 before Apollo parses or validates them. Also answers a
 * POST whose body was not JSON (wrong Content-Type) with a GraphQL-shaped 415.
 */
export function queryLimitsMiddleware(guard: QueryGuard) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method === 'POST' && req.body === undefined) {
      sendError(req, res, 415, 'Send the GraphQL request as JSON: Content-Type: application/json', 'BAD_REQUEST');
      return;
    }
    const params = (req.method === 'POST' ? req.body : req.query) as Record<string, unknown> | undefined;
    if (!params || typeof params !== 'object' || Array.isArray(params) || typeof params.query !== 'string') {
      next(); // no query text (persisted query, batch, malformed): Apollo answers
      return;
    }
    const verdict = guard.check(params.query, typeof params.operationName === 'string' ? params.operationName : null, variablesOf(params.variables));
    if (verdict.refusal) {
      sendError(req, res, 400, verdict.refusal.message, 'QUERY_TOO_COMPLEX', verdict.refusal.extensions);
      return;
    }
    if (verdict.cost !== null && req.method === 'POST') admitted.set(req.body as object, { cost: verdict.cost, maxCost: verdict.maxCost });
    next();
  };
}

/** A GraphQL-shaped error answer from the HTTP layer, with the request id the way Apollo's answers carry it. */
export function sendError(req: Request, res: Response, status: number, message: string, code: string, extensions: Record<string, unknown> = {}): void {
  const header = req.headers['x-request-id'];
  const requestId = typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
  res.setHeader('x-request-id', requestId);
  // Before the GraphQL context: the language is Accept-Language's (src/infra/i18n), the account is not known yet.
  const shown = code === 'QUERY_TOO_COMPLEX' ? localizeTooComplex(message, pickLocale(req.headers['accept-language']))
    : localize(pickLocale(req.headers['accept-language']), message, null, `code.${code}`);
  res.status(status).json({ errors: [{ message: shown, extensions: { ...extensions, code, requestId } }] });
}

/**
 * Puts each operation's cost in the answer's `extensions.cost`, as GitHub and
 * Shopify do: `{ requestedQueryCost, maximumAvailable }`. The cost was found
 * (usually in a cache) by queryLimitsMiddleware; a GET request is looked up again.
 */
export function queryCostPlugin(guard: QueryGuard): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ request }) {
      let cost = request.http?.body && typeof request.http.body === 'object' ? admitted.get(request.http.body as object) : undefined;
      if (!cost && request.http?.method === 'GET' && typeof request.query === 'string') {
        const verdict = guard.check(request.query, request.operationName, request.variables);
        if (!verdict.refusal && verdict.cost !== null) cost = { cost: verdict.cost, maxCost: verdict.maxCost };
      }
      if (!cost) return undefined;
      const extension = { requestedQueryCost: cost.cost, maximumAvailable: cost.maxCost };
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: extension };
        },
      };
    },
  };
}
