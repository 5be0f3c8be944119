// The ABI of a contract's source, as IOST's `iwallet compile` writes it: the exported class's public
// methods (not init, not starting with _), each argument typed by the JSDoc @param before the method
// ("@param {number} amount" or "@param amount {number}"), "string" when none says.
(function () {
  'use strict';
  const acorn = globalThis.acorn;
  const TYPES = ['string', 'number', 'bool', 'json'];

  function exportedName(ast) {
    let name = null;
    for (const stat of ast.body) {
      const e = stat.type === 'ExpressionStatement' ? stat.expression : null;
      if (e && e.type === 'AssignmentExpression' && e.left.type === 'MemberExpression' && e.left.object.name === 'module'
        && e.left.property.name === 'exports') {
        if (e.right.type !== 'Identifier') throw new Error('module.exports should be assigned to a class name');
        name = e.right.name;
      }
    }
    if (name === null) throw new Error('the source has no module.exports = ClassName');
    return name;
  }

  function argTypes(method, comment, path) {
    return method.value.params.map((param) => {
      if (param.type !== 'Identifier') throw new Error(`${path}: ${method.key.name}: a parameter must be a plain name to have an ABI type`);
      const text = comment ? comment.value : '';
      const found = text.match(new RegExp(`@param\\s*{([a-zA-Z]+)}\\s*${param.name}\\b`))
        || text.match(new RegExp(`@param\\s*${param.name}\\s*{([a-zA-Z]+)}`));
      if (!found) return 'string';
      if (!TYPES.includes(found[1])) throw new Error(`${path}: ${method.key.name}(${param.name}): '${found[1]}' is not an ABI type (${TYPES.join(', ')})`);
      return found[1];
    });
  }

  globalThis.__avmAbiOf = function abiOf(path, source) {
    const comments = [];
    const ast = acorn.parse(source, { ecmaVersion: 2022, sourceType: 'script', onComment: comments, allowReturnOutsideFunction: true });
    const name = exportedName(ast);
    const cls = ast.body.find((s) => s.type === 'ClassDeclaration' && s.id.name === name);
    if (!cls) throw new Error(`${path}: module.exports names ${name}, which is not a class declared in this file`);
    const abi = [];
    let hasInit = false;
    let last = cls.body.start;
    for (const def of cls.body.body) {
      // Getters and setters are no methods to call; statics are not the instance's.
      if (def.type !== 'MethodDefinition' || def.key.type !== 'Identifier' || def.key.name.startsWith('_') || def.static
        || def.kind === 'get' || def.kind === 'set') continue;
      if (def.kind === 'constructor') throw new Error(`${path}: a contract class has no constructor (init() runs at deploy)`);
      if (def.key.name === 'init') {
        hasInit = true;
        continue;
      }
      // The nearest comment between the previous method and this one documents it.
      const comment = comments.filter((c) => c.start > last && c.end <= def.start).pop();
      abi.push({ name: def.key.name, args: argTypes(def, comment, path), amountLimit: [] });
      last = def.end;
    }
    if (!hasInit) throw new Error(`${path}: the class ${name} has no init() method`);
    return { lang: 'javascript', version: '1.0.0', abi };
  };
})();
