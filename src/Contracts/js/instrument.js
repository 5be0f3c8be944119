// The compile phase: parses each module of a contract with acorn, refuses what the sandbox does
// not allow, and injects deterministic gas metering (the cost model is costs.js) by inserting text
// at node offsets, so every line keeps its number. Each insertion is recorded per line for mapping
// error columns back.
(function () {
  'use strict';
  const acorn = globalThis.acorn;
  const abiOf = globalThis.__avmAbiOf;
  delete globalThis.__avmAbiOf;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  // The sandbox removes these; acorn needs them while it parses, when no contract code runs.
  const parserNeeds = { RegExp: globalThis.RegExp, match: String.prototype.match };

  function withParserNeeds(work) {
    const had = { RegExp: globalThis.RegExp, match: String.prototype.match };
    globalThis.RegExp = parserNeeds.RegExp;
    String.prototype.match = parserNeeds.match;
    try {
      return work();
    } finally {
      if (had.RegExp === undefined) delete globalThis.RegExp;
      String.prototype.match = had.match;
    }
  }

  // The injected meter is reachable only through this identifier, which contracts may not use.
  const GAS = '$gas';
  const RESERVED = /^(\$gas|__avm)/;

  class CompileError extends Error {}

  // Nodes carry offsets only (parsing without locations is faster); a message's line and column
  // are worked out from the source when one is needed.
  function fail(path, source, node, message) {
    let at = path;
    if (node) {
      const before = source.slice(0, node.start);
      const line = before.split('\n').length;
      at = `${path}:${line}:${node.start - (before.lastIndexOf('\n') + 1) + 1}`;
    }
    throw new CompileError(`${at}: ${message}`);
  }

  const {
    COST, MAX_DECLARED, MAX_CALL_ARGUMENTS, isFunction, isStatement, isLoop, COMPARISONS, cheap, children, literalCost,
    statementCost, countCalls, declaredIn,
  } = globalThis.__avmCosts;
  delete globalThis.__avmCosts;
  const bindingsIfPure = globalThis.__avmPurity;
  delete globalThis.__avmPurity;

  function instrumentModule(path, source) {
    let ast;
    try {
      ast = withParserNeeds(() => acorn.parse(source, {
        ecmaVersion: 2022, sourceType: 'script', locations: false, allowReturnOutsideFunction: true, allowHashBang: false,
      }));
    } catch (e) {
      const at = e.loc ? `${path}:${e.loc.line}:${e.loc.column + 1}` : path;
      throw new CompileError(`${at}: SyntaxError: ${e.message.replace(/ \(\d+:\d+\)$/, '')}`);
    }

    // [offset, order, key, key, text]. At one offset closings come before openings; closings of
    // inner nodes (later start, then shorter span) first; openings of outer nodes (longer span) first.
    const inserts = [];
    const open = (offset, text, span) => inserts.push([offset, 1, -span, 0, text]);
    const close = (offset, text, start, span) => inserts.push([offset, 0, -start, span, text]);
    const charge = (n) => `${GAS}(${n});`;

    // Wraps an expression as $gas.f((expression)): the doubled parentheses keep a sequence one argument.
    function wrapValue(node, f) {
      open(node.start, `${GAS}.${f}((`, node.end - node.start + 2);
      close(node.end, '))', node.start - 1, node.end - node.start + 2);
    }

    function check(node) {
      if (node.type === 'Identifier' && RESERVED.test(node.name)) fail(path, source, node, `the name '${node.name}' is reserved`);
      if (node.async) fail(path, source, node, 'async functions are not allowed: no code may run after a method returns');
      if (node.type === 'AwaitExpression') fail(path, source, node, 'await is not allowed');
      if (node.type === 'ImportExpression' || node.type === 'MetaProperty' && node.meta.name === 'import')
        fail(path, source, node, 'import is not allowed; use require');
      if (node.type === 'Literal' && node.regex) fail(path, source, node, 'regular expressions are not allowed');
      if (node.type === 'Literal' && node.bigint !== undefined) fail(path, source, node, 'BigInt is not available');
      if ((node.type === 'CallExpression' || node.type === 'NewExpression') && node.arguments.length > MAX_CALL_ARGUMENTS)
        fail(path, source, node, `a call may pass at most ${MAX_CALL_ARGUMENTS} arguments`);
      if (isFunction(node) && declaredIn(node) > MAX_DECLARED)
        fail(path, source, node, `a function may declare at most ${MAX_DECLARED} names`);
    }

    // Every function but a generator counts one level of call depth while it runs (runtime.js):
    // $gas.i() on entry, $gas.o() when it leaves, however it leaves. Directives stay first.
    function countDepth(fn) {
      if (fn.generator) return;
      const body = fn.body;
      if (body.type !== 'BlockStatement') {
        // From just after the arrow to the function's end, so that a parenthesised body stays whole.
        const start = source.lastIndexOf('=>', body.start) + 2;
        open(start, `{${GAS}.i();try{return (`, fn.end - start + 2);
        close(fn.end, `)}finally{${GAS}.o()}}`, start - 1, fn.end - start + 2);
        return;
      }
      let at = body.start + 1;
      let statements = 0;
      for (const s of body.body) {
        if (s.directive === undefined) statements++;
        else if (statements === 0) at = s.end;
      }
      // A body with no statements calls nothing: it needs no level of its own.
      if (statements === 0) return;
      open(at, `${GAS}.i();try{`, body.end - body.start + 1);
      close(body.end - 1, `}finally{${GAS}.o()}`, body.start - 1, body.end - body.start + 1);
    }

    function chargeList(statements) {
      for (const s of statements) {
        if (s.directive !== undefined) continue;
        open(s.start, charge(statementCost(s)), s.end - s.start);
      }
    }

    // A statement in a single-statement position becomes a block, so that a charge can precede it.
    function wrapBody(body, extra) {
      if (body.type === 'BlockStatement') {
        if (extra > 0) open(body.start + 1, charge(extra), 0);
        return;
      }
      open(body.start, `{${charge(extra + statementCost(body))}`, body.end - body.start + 1);
      close(body.end, '}', body.start, body.end - body.start + 1);
    }

    function visit(node) {
      check(node);
      switch (node.type) {
        case 'Program':
        case 'BlockStatement':
        case 'StaticBlock':
          chargeList(node.body);
          break;
        case 'SwitchCase':
          chargeList(node.consequent);
          break;
        case 'IfStatement':
          wrapBody(node.consequent, 0);
          if (node.alternate) wrapBody(node.alternate, 0);
          break;
        case 'WithStatement':
          wrapBody(node.body, 0);
          break;
        case 'FunctionDeclaration':
        case 'FunctionExpression':
        case 'ArrowFunctionExpression':
          countDepth(node);
          break;
        case 'BinaryExpression':
          if (COMPARISONS.has(node.operator) && !cheap(node.left) && !cheap(node.right)) {
            wrapValue(node.left, 'l');
            wrapValue(node.right, 'r');
          } else if (node.operator === 'in' && !cheap(node.left)) {
            wrapValue(node.left, 'k');
          }
          break;
        case 'MemberExpression':
          if (node.computed && !cheap(node.property)) wrapValue(node.property, 'k');
          break;
        case 'SwitchStatement':
          // Each case test is compared with the value switched on, as === compares.
          if (!cheap(node.discriminant) && node.cases.some((c) => c.test && !cheap(c.test))) {
            wrapValue(node.discriminant, 'w');
            for (const c of node.cases) if (c.test && !cheap(c.test)) wrapValue(c.test, 't');
          }
          break;
        case 'Property':
          if (node.computed && !cheap(node.key)) wrapValue(node.key, 'k');
          break;
        case 'ArrayExpression':
        case 'CallExpression':
        case 'NewExpression':
        case 'ObjectExpression':
          // Spreading pays per element it spreads, and into a call at most so many (runtime.js).
          for (const item of node.type === 'ObjectExpression' ? node.properties : node.type === 'ArrayExpression' ? node.elements : node.arguments) {
            if (item === null || item.type !== 'SpreadElement') continue;
            const kind = node.type === 'ObjectExpression' ? 3 : node.type === 'ArrayExpression' ? 1 : 2;
            // After the dots to the element's end, so that a parenthesised argument stays whole.
            const start = item.start + 3;
            open(start, `${GAS}.s(`, item.end - start + 1);
            close(item.end, `, ${kind})`, start - 1, item.end - start + 1);
          }
          break;
        case 'CatchClause':
          // A stack overflow V8 reports depends on the machine: the runtime ends the call at once
          // instead of letting a contract catch it.
          if (node.param === null) open(node.body.start, `(${GAS}E)`, 0);
          open(node.body.start + 1, `${charge(COST.catch)}${node.param === null || node.param.type === 'Identifier'
            ? `${GAS}.c(${node.param === null ? `${GAS}E` : node.param.name});` : ''}`, node.body.end - node.body.start);
          break;
      }
      switch (node.type) {
        case 'CallExpression':
        case 'TaggedTemplateExpression':
          open(node.start, `(${GAS}(${COST.call}), `, node.end - node.start);
          close(node.end, ')', node.start, node.end - node.start);
          break;
        case 'NewExpression':
          open(node.start, `(${GAS}(${COST.construct}), `, node.end - node.start);
          close(node.end, ')', node.start, node.end - node.start);
          break;
        case 'ChainExpression': {
          // Inside an optional chain only the whole chain may be wrapped, or short-circuiting would change.
          const calls = countCalls(node.expression);
          if (calls > 0) {
            open(node.start, `(${GAS}(${calls}), `, node.end - node.start);
            close(node.end, ')', node.start, node.end - node.start);
          }
          visitChain(node.expression);
          return;
        }
      }
      // for-in collects the object's keys before its first iteration.
      if (node.type === 'ForInStatement') {
        open(node.right.start, `${GAS}.s((`, node.right.end - node.right.start + 1);
        close(node.right.end, `), 4)`, node.right.start - 1, node.right.end - node.right.start + 1);
      }
      if (isLoop(node)) {
        const test = [node.test, node.update, node.right].filter(Boolean);
        wrapBody(node.body, COST.iteration + test.reduce((sum, t) => sum + literalCost(t), 0));
      }
      for (const c of children(node)) visit(c);
    }

    // Visits an optional chain's parts without wrapping the calls that make up the chain itself.
    function visitChain(node) {
      check(node);
      if (node.type === 'CallExpression') {
        visitChain(node.callee);
        for (const a of node.arguments) visit(a);
      } else if (node.type === 'MemberExpression') {
        visitChain(node.object);
        if (node.computed && !cheap(node.property)) wrapValue(node.property, 'k');
        if (node.computed) visit(node.property);
      } else {
        visit(node);
      }
    }

    visit(ast);
    // A module whose top level only declares (see bindingsIfPure) hands its bindings to the runtime
    // when it has run: they are frozen, and its exports may serve the context's later calls.
    const bindings = bindingsIfPure(ast);
    if (bindings !== null) inserts.push([source.length, 2, 0, 0, `\n;${GAS}.f([${bindings.join(',')}]);`]);
    inserts.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);

    // Apply, and record each insertion as [line, column, length] in the original text.
    const lineStarts = [0];
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) lineStarts.push(i + 1);
    const lineOf = (offset) => {
      let lo = 0, hi = lineStarts.length - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1; }
      return lo;
    };
    let code = '';
    let last = 0;
    const columns = [];
    for (const [offset, , , , text] of inserts) {
      code += source.slice(last, offset) + text;
      last = offset;
      const line = lineOf(offset);
      columns.push([line + 1, offset - lineStarts[line], text.length]);
    }
    code += source.slice(last);
    return { code, columns };
  }

  /**
   * Compiles a contract: {files: {path: source}, entry} → {ok: true, modules: {path: {code, columns}}, entry}
   * or {ok: false, error}.
   */
  function compile(requestJson) {
    try {
      const request = parse(requestJson);
      if (request.abi === true) return abi(request);
      const files = request.files;
      if (files === null || typeof files !== 'object') throw new CompileError('files must map paths to sources');
      const paths = Object.keys(files);
      if (paths.length === 0) throw new CompileError('a contract needs at least one file');
      if (!Object.prototype.hasOwnProperty.call(files, request.entry)) throw new CompileError(`the entry '${request.entry}' is not among the files`);
      const modules = {};
      for (const path of paths) {
        if (typeof files[path] !== 'string') throw new CompileError(`${path}: the source must be a string`);
        modules[path] = instrumentModule(path, files[path]);
      }
      return stringify({ ok: true, modules, entry: request.entry });
    } catch (e) {
      if (e instanceof CompileError) return stringify({ ok: false, error: e.message });
      throw e;
    }
  }

  // `actorvm abi`: the ABI iwallet compile would write for the entry file, instead of a compile.
  function abi(request) {
    try {
      return stringify({ ok: true, abi: withParserNeeds(() => abiOf(request.entry, String(request.files[request.entry]))) });
    } catch (e) {
      return stringify({ ok: false, error: e instanceof SyntaxError ? `${request.entry}: SyntaxError: ${e.message}` : e.message });
    }
  }

  // One compile while the startup snapshot is made, so that the parser's and the instrumenter's
  // functions are already compiled (kept in the snapshot) when a worker's first deploy comes.
  compile(stringify({
    entry: 'index.js',
    files: {
      'index.js': `const util = require('./util');
class Warm {
  init() { storage.put('n', '0'); }
  add(to, amount = 1, ...rest) {
    const { a, b: [c] } = { a: 1, b: [2] };
    let total = Number(storage.get('n') || '0');
    for (let i = 0; i < 3; i++) { total += i * amount; if (i % 2 === 0) continue; }
    for (const k of [1, 2]) total -= k;
    while (total > 100) total--;
    do { total++; } while (total < 0);
    try { util.check(to); } catch (e) { throw new Error(\`bad \${to}: \${e.message}\`); } finally { total += 0; }
    const f = (x) => x?.y ?? [a, c, ...rest].map((v) => v * 2).filter(Boolean);
    switch (typeof f) { case 'function': break; default: total = 0; }
    storage.put('n', String(total > 0 ? total : -total));
    return { total, label: 'done', list: [1, 'two', null, true], nested: { deep: new Int64(total).plus(1).toString() } };
  }
}
module.exports = Warm;
`,
      'util.js': 'module.exports = { check(v) { if (typeof v !== "string") throw new TypeError("string expected"); return true; } };\n',
    },
  }));

  // The compiler context's entry, in the shape of the runtime's: setup(host) once per context, then
  // run(request) for each compile request.
  globalThis.__avm = {
    setup(host) {
      delete globalThis.__avm;
      return function run(requestJson) {
        try {
          return compile(requestJson);
        } finally {
          host.setGas(0);
        }
      };
    },
  };
})();
