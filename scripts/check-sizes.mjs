/**
 * The project's size rules for src/: no file longer than 350 lines, no function with more than 60
 * lines of its own (functions nested in it not counted). Prints each breach and exits 1 on any.
 * Run: node scripts/check-sizes.mjs
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const MAX_FILE_LINES = 350;
const MAX_FUNCTION_LINES = 60;

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const isFunction = (n) =>
  (ts.isFunctionDeclaration(n) ||
    ts.isMethodDeclaration(n) ||
    ts.isArrowFunction(n) ||
    ts.isFunctionExpression(n) ||
    ts.isConstructorDeclaration(n) ||
    ts.isGetAccessor(n)) &&
  n.body !== undefined;

const breaches = [];
for (const file of files('src')) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lines > MAX_FILE_LINES) breaches.push(`${file}: ${lines} lines (at most ${MAX_FILE_LINES})`);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const line = (pos) => source.getLineAndCharacterOfPosition(pos).line;
  const span = (n) => line(n.end) - line(n.getStart()) + 1;
  const visit = (node) => {
    if (isFunction(node)) {
      let nested = 0;
      const inner = (n) => {
        if (isFunction(n)) nested += span(n);
        else ts.forEachChild(n, inner);
      };
      ts.forEachChild(node, inner);
      const own = span(node) - nested;
      if (own > MAX_FUNCTION_LINES) {
        const name = node.name?.getText() ?? '(anonymous)';
        breaches.push(
          `${file}:${line(node.getStart()) + 1} ${name}: ${own} lines of its own (at most ${MAX_FUNCTION_LINES})`,
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
for (const b of breaches) console.error(b);
if (breaches.length > 0) process.exit(1);
console.log(
  `sizes: every file ≤ ${MAX_FILE_LINES} lines, every function ≤ ${MAX_FUNCTION_LINES} lines of its own`,
);
