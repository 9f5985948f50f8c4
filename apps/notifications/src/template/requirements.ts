/**
 * The facts a template needs, read once from its syntax tree: what it prints or hands to a helper,
 * and what it prints only inside `{{#if fact}}` / `{{#unless fact}}`. Checked before rendering,
 * so a missing fact is named in the error, including those passed to helpers, which Handlebars'
 * strict mode lets through as undefined.
 */
export interface Requirements {
  /** Facts that must be present (neither undefined nor null). */
  facts: string[];
  /** Further requirements when a fact is truthy (`{{#if}}`) or falsy (`{{else}}`, `{{#unless}}`). */
  when: { fact: string; truthy: boolean; then: Requirements }[];
}

type Node = hbs.AST.Node;

function factName(node: Node): string | undefined {
  if (node.type !== 'PathExpression') return undefined;
  const path = node as hbs.AST.PathExpression;
  // @data variables, ../parent lookups and `this` are not facts.
  if (path.data || path.depth > 0 || path.parts.length === 0) return undefined;
  return path.parts[0];
}

/** Every fact an expression reads: a path, or the parameters of a helper call. */
function expressionFacts(node: Node, into: Set<string>): void {
  if (node.type === 'SubExpression') {
    const call = node as hbs.AST.SubExpression;
    for (const param of call.params) expressionFacts(param, into);
    for (const pair of call.hash.pairs) expressionFacts(pair.value, into);
    return;
  }
  const name = factName(node);
  if (name) into.add(name);
}

/** Helpers by name, with the positions of their parameters that may be missing. */
export type HelperParams = ReadonlyMap<string, readonly number[]>;

function callFacts(call: { path: Node; params: Node[]; hash?: hbs.AST.Hash }, helpers: HelperParams, into: Set<string>): void {
  const name = factName(call.path);
  if (call.params.length === 0 && !(name && helpers.has(name))) {
    if (name) into.add(name);
    return;
  }
  const optional = (name && helpers.get(name)) || [];
  call.params.forEach((param, index) => {
    if (!optional.includes(index)) expressionFacts(param, into);
  });
  for (const pair of call.hash?.pairs ?? []) expressionFacts(pair.value, into);
}

export function requirementsOf(program: hbs.AST.Program, helpers: HelperParams): Requirements {
  const facts = new Set<string>();
  const when: Requirements['when'] = [];
  for (const statement of program.body) {
    if (statement.type === 'MustacheStatement') {
      callFacts(statement as hbs.AST.MustacheStatement, helpers, facts);
    } else if (statement.type === 'BlockStatement') {
      const block = statement as hbs.AST.BlockStatement;
      const helper = factName(block.path);
      const condition = block.params[0] ? factName(block.params[0]) : undefined;
      if ((helper === 'if' || helper === 'unless') && condition && block.params.length === 1) {
        const truthy = helper === 'if';
        if (block.program) when.push({ fact: condition, truthy, then: requirementsOf(block.program, helpers) });
        if (block.inverse) when.push({ fact: condition, truthy: !truthy, then: requirementsOf(block.inverse, helpers) });
      } else {
        // #each, #with, or a condition on an expression: its parameters are needed, its body
        // reads another context and is left to strict mode.
        callFacts(block, helpers, facts);
      }
    }
  }
  return { facts: [...facts], when };
}

/** Handlebars' own `{{#if}}`: false, null, undefined, '' and 0 are falsy. */
function truthy(value: unknown): boolean {
  return Boolean(value);
}

/** The first fact `context` lacks, or undefined when it has all it needs. */
export function missingFact(requirements: Requirements, context: Readonly<Record<string, unknown>>): string | undefined {
  for (const fact of requirements.facts) {
    if (context[fact] === undefined || context[fact] === null) return fact;
  }
  for (const branch of requirements.when) {
    if (truthy(context[branch.fact]) !== branch.truthy) continue;
    const missing = missingFact(branch.then, context);
    if (missing) return missing;
  }
  return undefined;
}
