// Runs in the compiler context after costs.js and before instrument.js, which takes bindingsIfPure
// from __avmPurity: whether a module only declares, so that the runtime may load it once per
// context (runtime.js).
(function () {
  'use strict';
  const { children } = globalThis.__avmCosts;

  // The names a module's top level binds, when running it can leave nothing behind that a later call
  // could change or see: only class and function declarations, consts of literals, functions,
  // classes and require(...), 'use strict' and module.exports = a name or a class; classes without
  // static blocks, computed or private static values; no assignment anywhere to one of those names;
  // and no other use of module, exports, require, or the module's own this and arguments.
  // Otherwise null, and the module runs afresh on every call.
  function bindingsIfPure(ast) {
    const names = [];
    const literal = (e) => e !== null && ((e.type === 'Literal' && !e.regex) || (e.type === 'TemplateLiteral' && e.expressions.length === 0)
      || (e.type === 'UnaryExpression' && e.operator === '-' && e.argument.type === 'Literal' && typeof e.argument.value === 'number'));
    const pureClass = (c) => (c.superClass === null || c.superClass.type === 'Identifier') && c.body.body.every((m) =>
      m.type !== 'StaticBlock' && (!m.computed || literal(m.key)) && (m.type !== 'PropertyDefinition' || !m.static || m.value === null || literal(m.value)));
    const pureValue = (e) => literal(e) || e.type === 'Identifier' || e.type === 'ArrowFunctionExpression' || e.type === 'FunctionExpression'
      || (e.type === 'ClassExpression' && pureClass(e))
      || (e.type === 'CallExpression' && e.callee.type === 'Identifier' && e.callee.name === 'require' && e.arguments.length === 1 && literal(e.arguments[0]));
    for (const s of ast.body) {
      if (s.type === 'ClassDeclaration') {
        if (!pureClass(s)) return null;
        names.push(s.id.name);
      } else if (s.type === 'FunctionDeclaration') {
        names.push(s.id.name);
      } else if (s.type === 'VariableDeclaration') {
        if (s.kind !== 'const') return null;
        for (const d of s.declarations) {
          if (d.id.type !== 'Identifier' || d.init === null || !pureValue(d.init)) return null;
          names.push(d.id.name);
        }
      } else if (s.type === 'ExpressionStatement') {
        if (s.directive !== undefined) continue;
        const e = s.expression;
        const exported = e.type === 'AssignmentExpression' && e.operator === '=' && e.left.type === 'MemberExpression' && !e.left.computed
          && e.left.object.type === 'Identifier' && e.left.object.name === 'module' && e.left.property.name === 'exports'
          && (e.right.type === 'Identifier' || (e.right.type === 'ClassExpression' && pureClass(e.right)));
        if (!exported) return null;
      } else if (s.type !== 'EmptyStatement') {
        return null;
      }
    }
    const bound = new Set(names);
    // The module's own names: reachable from a cached class only through them, so any use but the
    // top-level forms above keeps the module running afresh.
    const moduleNames = new Set(['module', 'exports', 'require', 'arguments']);
    const allowed = new Set();
    for (const s of ast.body) {
      if (s.type === 'ExpressionStatement' && s.directive === undefined) allowed.add(s.expression.left);
      if (s.type === 'VariableDeclaration') for (const d of s.declarations) if (d.init.type === 'CallExpression') allowed.add(d.init.callee);
    }
    const patternNames = (p, out) => {
      if (p.type === 'Identifier') out.push(p.name);
      else if (p.type !== 'MemberExpression') for (const c of children(p)) patternNames(c, out);
      return out;
    };
    // [node, in a function]: inside a function, method or field initialiser, `this` and `arguments`
    // are the call's own; at the top level (arrows included) they are the module's.
    const pending = [[ast, false]];
    while (pending.length > 0) {
      const [n, inFunction] = pending.pop();
      if (allowed.has(n)) continue;
      if (n.type === 'ThisExpression' && !inFunction) return null;
      if (n.type === 'Identifier' && moduleNames.has(n.name) && !(n.name === 'arguments' && inFunction)) return null;
      // A private static field is beyond freezing.
      if (n.type === 'PropertyDefinition' && n.static && n.key.type === 'PrivateIdentifier') return null;
      const target = n.type === 'AssignmentExpression' ? n.left : n.type === 'UpdateExpression' ? n.argument
        : (n.type === 'ForInStatement' || n.type === 'ForOfStatement') && n.left.type !== 'VariableDeclaration' ? n.left : null;
      if (target !== null && patternNames(target, []).some((name) => bound.has(name))) return null;
      const enters = inFunction || n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'PropertyDefinition';
      for (const c of children(n)) {
        // Names that are not references: member names after a dot, and keys of objects and classes.
        const key = !n.computed && !n.shorthand && c === n.key && (n.type === 'Property' || n.type === 'MethodDefinition' || n.type === 'PropertyDefinition');
        if (key || (n.type === 'MemberExpression' && !n.computed && c === n.property)) continue;
        pending.push([c, enters]);
      }
    }
    return names;
  }

  globalThis.__avmPurity = bindingsIfPure;
})();
