import {
  coerceInputValue, DocumentNode, FieldNode, FragmentDefinitionNode, getArgumentValues, getNamedType, getOperationAST, getVariableValues,
  GraphQLArgument, GraphQLField, GraphQLInputType, GraphQLNamedType, GraphQLSchema, isEnumType, isInputObjectType, isInputType, isInterfaceType,
  isListType, isNonNullType, isObjectType, Kind, OperationDefinitionNode, SchemaMetaFieldDef, SelectionSetNode, TypeMetaFieldDef,
  typeFromAST, TypeNameMetaFieldDef, ValueNode,
} from 'graphql';
import { InvalidScalarValue } from '../scalars';
import { Locale, MESSAGES } from './messages';
import { stringProblem } from './strings';
import { ARG_RULES, DEFAULT_RULE, INPUT_RULE, InputRule } from './input-rule';

/**
 * The input validation layer: one walk over an operation's coerced argument
 * values, with the schema's input types, before any resolver runs.
 *
 * Why here and not a type-graphql middleware: a global middleware wraps every
 * field resolver of every response (a cost on the hot paths, paid per field
 * and per row), never sees a subscription's `subscribe` step (caseEvents
 * brings its own), and runs field by field, so a mutation document whose
 * second mutation is bad would already have written the first. Walking the
 * operation once, after GraphQL validation and before execution, covers
 * queries, mutations and subscriptions, nested input objects, lists, literals
 * and variables alike, answers for the whole document at once (nothing is
 * written when any input is refused), and costs one pass over the inputs.
 * Fields with arguments are found once per parsed document and kept.
 *
 * Every string and list is bounded (DEFAULT_RULE unless a rule is declared
 * beside the field, see rules.ts); strings hold no NUL, control characters
 * (newline, tab, CR only in long text), lone surrogates, or bidi controls
 * (outside long text); numbers respect declared ranges; DateTime and SafeInt
 * values a scalar could not read (InvalidScalarValue) are named here.
 * Domain checks (a work listed twice, an unknown id, a country code) stay in
 * the services.
 */

/** One refused input: the argument, the path inside it, and why. */
export interface InputProblem { argument: string; field: string; message: string }

/** Why an operation is refused. */
export interface Refusal { message: string; fields: InputProblem[]; more: number }

/** Problems listed in one answer; past this, a count. */
const MAX_PROBLEMS = 50;
/** Longest message kept from graphql-js (its messages quote the value sent). */
const MAX_MESSAGE = 300;

interface FieldWithArgs { node: FieldNode; def: GraphQLField<unknown, unknown> }

const fieldsByDocument = new WeakMap<DocumentNode, Map<string, FieldWithArgs[]>>();

/** Validates every argument of the operation `operationName` of `document`; null when all is well. */
export function validateOperation(
  schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined, locale: Locale,
): Refusal | null {
  const operation = getOperationAST(document, operationName);
  // No such operation: execution answers that.
  if (!operation) return null;
  const fields = fieldsWithArguments(schema, document, operation);
  if (!fields.length) return null;
  const collector = new Collector();
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {}, { maxErrors: MAX_PROBLEMS });
  if (coerced.errors) {
    variableProblems(schema, operation, fields, rawVariables ?? {}, collector);
    const message = coerced.errors.map((e) => clip(e.message)).join('; ');
    return collector.refusal(locale, message);
  }
  for (const { node, def } of fields) {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(def, node, coerced.coerced);
    } catch (error) {
      // GraphQL validation has already checked literals; kept for safety.
      collector.add(node.name.value, '', clip((error as Error).message));
      continue;
    }
    const rules = def.extensions?.[ARG_RULES] as Record<string, InputRule> | undefined;
    for (const arg of def.args) {
      const value = values[arg.name];
      if (value === undefined) continue;
      walk(value, arg.type, rules?.[arg.name], rootPath(arg), arg.name, collector, locale);
      if (collector.full) return collector.refusal(locale);
    }
  }
  return collector.problems.length ? collector.refusal(locale) : null;
}

class Collector {
  readonly problems: InputProblem[] = [];
  more = 0;
  get full(): boolean { return this.more > 0; }
  add(argument: string, field: string, message: string): void {
    if (this.problems.length >= MAX_PROBLEMS) { this.more += 1; return; }
    this.problems.push({ argument, field: field || argument, message });
  }
  refusal(locale: Locale, message?: string): Refusal {
    const listed = this.problems.map((p) => `${p.field}: ${p.message}`).join('; ');
    const tail = this.more ? `; ${MESSAGES.tooManyProblems(locale, this.more)}` : '';
    return { message: message ?? MESSAGES.invalidInput(locale, `${listed}${tail}`), fields: this.problems, more: this.more };
  }
}

/** An input object argument's fields are named from its root (`firm.legalName`); other arguments by their name (`ids[3]`). */
function rootPath(arg: GraphQLArgument): string {
  const type = isNonNullType(arg.type) ? arg.type.ofType : arg.type;
  return isInputObjectType(type) ? '' : arg.name;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function clip(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}

function walk(value: unknown, type: GraphQLInputType, rule: InputRule | undefined, path: string, argument: string, out: Collector, locale: Locale): void {
  if (value === null || value === undefined || out.full) return;
  if (value instanceof InvalidScalarValue) { out.add(argument, path, value.message(locale)); return; }
  if (isNonNullType(type)) { walk(value, type.ofType, rule, path, argument, out, locale); return; }
  if (isListType(type)) {
    const items = value as unknown[];
    const maxItems = rule?.maxItems ?? DEFAULT_RULE.maxItems;
    if (items.length > maxItems) { out.add(argument, join(path, maxItems), MESSAGES.tooManyItems(locale, maxItems, items.length)); return; }
    for (let i = 0; i < items.length && !out.full; i += 1) walk(items[i], type.ofType, rule, join(path, i), argument, out, locale);
    return;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const object = value as Record<string, unknown>;
    for (const name of Object.keys(fields)) {
      const field = fields[name];
      if (object[name] !== undefined) walk(object[name], field.type, field.extensions?.[INPUT_RULE] as InputRule | undefined, join(path, name), argument, out, locale);
    }
    return;
  }
  if (isEnumType(type)) return;
  if (typeof value === 'string') {
    const problem = stringProblem(value, rule, locale);
    if (problem) out.add(argument, path, problem);
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.add(argument, path, MESSAGES.notFinite(locale));
    else if (rule?.min !== undefined && value < rule.min) out.add(argument, path, MESSAGES.belowMin(locale, rule.min));
    else if (rule?.max !== undefined && value > rule.max) out.add(argument, path, MESSAGES.aboveMax(locale, rule.max));
  }
}

/** Problems of variables graphql-js could not coerce, named by the argument and field that use them. */
function variableProblems(schema: GraphQLSchema, operation: OperationDefinitionNode, fields: FieldWithArgs[], raw: Record<string, unknown>, out: Collector): void {
  const usages = new Map<string, { argument: string; prefix: string }>();
  const visitValue = (node: ValueNode, argument: string, prefix: string) => {
    if (node.kind === Kind.VARIABLE) { if (!usages.has(node.name.value)) usages.set(node.name.value, { argument, prefix }); return; }
    if (node.kind === Kind.OBJECT) node.fields.forEach((f) => visitValue(f.value, argument, join(prefix, f.name.value)));
    if (node.kind === Kind.LIST) node.values.forEach((v, i) => visitValue(v, argument, join(prefix, i)));
  };
  for (const { node, def } of fields) {
    for (const argNode of node.arguments ?? []) {
      const arg = def.args.find((a) => a.name === argNode.name.value);
      if (arg) visitValue(argNode.value, arg.name, rootPath(arg));
    }
  }
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) continue;
    const usage = usages.get(name) ?? { argument: `$${name}`, prefix: '' };
    if (!Object.prototype.hasOwnProperty.call(raw, name)) {
      if (!definition.defaultValue && isNonNullType(type)) out.add(usage.argument, usage.prefix, MESSAGES.required('en'));
      continue;
    }
    coerceInputValue(raw[name], type, (path, _invalid, error) => {
      out.add(usage.argument, path.reduce<string>((p, key) => join(p, key), usage.prefix), clip(error.message));
    });
  }
}

/** Every field node of the operation that has arguments, with its definition (kept per parsed document). */
function fieldsWithArguments(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): FieldWithArgs[] {
  let byOperation = fieldsByDocument.get(document);
  if (!byOperation) fieldsByDocument.set(document, (byOperation = new Map()));
  const key = operation.name?.value ?? '';
  let found = byOperation.get(key);
  if (found) return found;
  found = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const seen = new Set<string>();
  const out = found;
  const visitSet = (set: SelectionSetNode, parent: GraphQLNamedType | null | undefined) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const def = fieldDefinition(schema, parent, selection.name.value);
        if (!def) continue;
        if (selection.arguments?.length) out.push({ node: selection, def });
        if (selection.selectionSet) visitSet(selection.selectionSet, getNamedType(def.type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visitSet(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        seen.add(name);
        visitSet(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
      }
    }
  };
  visitSet(operation.selectionSet, schema.getRootType(operation.operation));
  // Bounded like Apollo's document cache: a document has a handful of operations.
  if (byOperation.size < 20) byOperation.set(key, found);
  return found;
}

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLNamedType | null | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  if (!parent) return undefined;
  if (name === '__typename') return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === '__schema') return SchemaMetaFieldDef;
    if (name === '__type') return TypeMetaFieldDef;
  }
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  return undefined;
}
