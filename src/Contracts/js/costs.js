// The cost model of the compile phase, used by instrument.js: what each syntax node is charged,
// which operands need a charge at run time, and the bounds on one function's frame. Runs in the
// compiler context before instrument.js, which takes it from __avmCosts.
(function () {
  'use strict';
  // Costs, in gas units. Calls and `new` are charged where they happen; statements where they
  // start; loop bodies once per iteration; literals by their size.
  // Throwing and catching cost V8 microseconds (unwinding, and the message it records for a possible
  // uncaught error), whether the error comes from a throw statement or from V8 itself.
  const COST = { statement: 1, iteration: 1, call: 2, construct: 3, stringPer: 16, element: 1, throw: 60, catch: 60, substitution: 2 };

  // Bounds on one function's frame, so that the deepest call stack allowed (runtime.js) fits the
  // worker's native stack: names declared in one function, and arguments written in one call.
  const MAX_DECLARED = 4096;
  const MAX_CALL_ARGUMENTS = 1024;

  const isNode = (v) => v !== null && typeof v === 'object' && typeof v.type === 'string';
  const isFunction = (n) =>
    n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
  const isStatement = (n) => (n.type.endsWith('Statement') || n.type.endsWith('Declaration')) && n.type !== 'VariableDeclarator';
  const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);
  const isLoop = (n) => LOOPS.has(n.type);
  // Comparing two strings walks them; so does using a string as a property or map key the first time.
  // Operands that cannot be long strings need no charge.
  const COMPARISONS = new Set(['===', '!==', '==', '!=', '<', '<=', '>', '>=']);
  const NUMERIC = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);
  const cheap = (n) => n.type === 'Literal' || (n.type === 'TemplateLiteral' && n.expressions.length === 0)
    || n.type === 'UnaryExpression' || n.type === 'UpdateExpression' || (n.type === 'BinaryExpression' && NUMERIC.has(n.operator))
    || (n.type === 'MemberExpression' && !n.computed && n.property.type === 'Identifier' && n.property.name === 'length');

  // A node's child nodes, in the order of its keys. Every pass of the compile phase walks the tree
  // again (costs, purity, instrumentation), so they are found once per node and kept on it under a
  // symbol, which no key enumeration sees: walking the keys was two fifths of a compile.
  const CHILDREN = Symbol('children');
  function children(node) {
    const known = node[CHILDREN];
    if (known !== undefined) return known;
    const out = [];
    const keys = Object.keys(node);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
      if (key === 'start' || key === 'end' || key === 'type') continue;
      const v = node[key];
      if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) if (isNode(v[i])) out.push(v[i]); }
      else if (isNode(v)) out.push(v);
    }
    node[CHILDREN] = out;
    return out;
  }

  // The static cost of the literals in an expression tree, not entering nested statements or functions.
  function literalCost(node) {
    let cost = 0;
    const visit = (n) => {
      if (n.type === 'Literal' && typeof n.value === 'string') cost += Math.floor(n.value.length / COST.stringPer);
      else if (n.type === 'TemplateElement') cost += Math.floor(n.value.cooked === null ? 0 : n.value.cooked.length / COST.stringPer);
      // Each substitution converts a value to text.
      else if (n.type === 'TemplateLiteral') cost += COST.substitution * n.expressions.length;
      else if (n.type === 'ArrayExpression') cost += COST.element * n.elements.length;
      else if (n.type === 'ObjectExpression') cost += COST.element * n.properties.length;
      for (const c of children(n)) {
        if (isFunction(c) || isStatement(c) || c.type === 'ClassBody') continue;
        visit(c);
      }
    };
    visit(node);
    return cost;
  }

  function statementCost(statement) {
    let cost = COST.statement + (statement.type === 'ThrowStatement' ? COST.throw : 0);
    for (const c of children(statement)) {
      if (isFunction(c) || isStatement(c) || c.type === 'ClassBody' || c.type === 'SwitchCase') continue;
      cost += literalCost(c);
    }
    return cost;
  }

  function countCalls(node) {
    let calls = 0;
    const visit = (n) => {
      if (n.type === 'CallExpression') calls += COST.call;
      else if (n.type === 'NewExpression') calls += COST.construct;
      for (const c of children(n)) { if (!isFunction(c) && c.type !== 'ChainExpression') visit(c); }
    };
    visit(node);
    return calls;
  }

  // Names a function declares: its parameters and what its body declares outside nested functions.
  function declaredIn(fn) {
    let n = 0;
    const names = (pattern) => {
      if (pattern === null) return;
      switch (pattern.type) {
        case 'Identifier': n++; break;
        case 'AssignmentPattern': names(pattern.left); break;
        case 'RestElement': names(pattern.argument); break;
        case 'ArrayPattern': for (const e of pattern.elements) if (e) names(e); break;
        case 'ObjectPattern': for (const p of pattern.properties) names(p.type === 'RestElement' ? p : p.value); break;
      }
    };
    fn.params.forEach(names);
    const pending = [fn.body];
    while (pending.length > 0) {
      const node = pending.pop();
      if (node.type === 'VariableDeclarator') names(node.id);
      else if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) n++;
      else if (node.type === 'CatchClause') names(node.param);
      if (isFunction(node) && node !== fn.body) continue;
      for (const c of children(node)) if (!isFunction(c)) pending.push(c);
    }
    return n;
  }

  globalThis.__avmCosts = Object.freeze({
    COST, MAX_DECLARED, MAX_CALL_ARGUMENTS, isFunction, isStatement, isLoop, COMPARISONS, cheap, children, literalCost,
    statementCost, countCalls, declaredIn,
  });
})();
