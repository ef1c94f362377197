import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The layers, checked on every run: src/shared and src/core below
 * src/modules, src/server, src/demo and src/scripts on top. Imports point down:
 * no module imports the server wiring, the core imports no module, no files
 * import each other in a circle, and neither do the modules (the folders under
 * src/modules) taken as wholes. Type-only imports count: they tie the files
 * together just the same for a reader.
 */
const root = path.resolve(__dirname, '../..');
const src = path.join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  // node16 resolution spells TypeScript files as .js (or .mjs/.cjs) in import specifiers.
  const base = path.resolve(path.dirname(from), specifier).replace(/\.(c|m)?js$/, '');
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next form
    }
  }
  return null;
}

/**
 * Every way a file can name another: import/export ... from, side-effect
 * imports, import = require(), require(), dynamic import(), and module
 * augmentation (declare module), which ties the files just the same.
 */
const IMPORT_FORMS = [
  /(?:^|[\s;])(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]/g,
  /(?:^|[\s;])import\s*['"]([^'"]+)['"]/g,
  /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bdeclare\s+module\s+['"]([^'"]+)['"]/g,
];

export function importedSpecifiers(text: string): string[] {
  return IMPORT_FORMS.flatMap((form) => [...text.matchAll(form)].map((m) => m[1]));
}

const files = sourceFiles(src);
const imports = new Map<string, string[]>(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = importedSpecifiers(text);
    return [file, specifiers.map((s) => resolveImport(file, s)).filter((f): f is string => f !== null)];
  }),
);

const rel = (file: string) => path.relative(root, file);
const under = (file: string, folder: string) => rel(file).startsWith(`${folder}/`);

/** Tarjan's strongly connected components: each group of two or more nodes that reach each other, sorted. */
function circlesOf(nodes: Iterable<string>, next: (node: string) => Iterable<string>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (node: string) => {
    indexOf.set(node, index);
    low.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const to of next(node)) {
      if (!indexOf.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, indexOf.get(to)!));
      }
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) circles.push(component.sort());
    }
  };
  for (const node of nodes) if (!indexOf.has(node)) visit(node);
  return circles;
}

/** The module (folder under src/modules) a file belongs to; null outside src/modules. */
const moduleOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(rel(file))?.[1] ?? null;

/** Each arrow between two modules ("purchasing -> catalog"), with the first file import that draws it. */
const moduleArrows = new Map<string, { from: string; to: string; via: string }>();
for (const [file, targets] of imports) {
  const from = moduleOf(file);
  for (const target of targets) {
    const to = moduleOf(target);
    const arrow = `${from} -> ${to}`;
    if (from && to && from !== to && !moduleArrows.has(arrow)) moduleArrows.set(arrow, { from, to, via: `${rel(file)} -> ${rel(target)}` });
  }
}

function violations(fromFolder: string, forbidden: string[]): string[] {
  return files
    .filter((file) => under(file, fromFolder))
    .flatMap((file) => imports.get(file)!.filter((target) => forbidden.some((f) => under(target, f) || rel(target) === f)).map((target) => `${rel(file)} -> ${rel(target)}`));
}

describe('layers', () => {
  it('reads every form of import', () => {
    const text = [
      "import type { A } from '../a';",
      "import '../b';",
      "export * from '../c';",
      "import d = require('../d');",
      "const e = await import('../e.js');",
      "import {\n  f,\n} from '../f.js';",
      "declare module '../g' {}",
    ].join('\n');
    expect(importedSpecifiers(text).sort()).toEqual(['../a', '../b', '../c', '../d', '../e.js', '../f.js', '../g']);
  });

  it('has modules that never import the server wiring, the demo, scripts or start-up', () => {
    expect(violations('src/modules', ['src/server', 'src/demo', 'src/scripts', 'src/main.ts', 'src/runtime.ts', 'src/db'])).toEqual([]);
  });

  it('has a core and shared layer that import no module and no wiring', () => {
    const upward = ['src/modules', 'src/server', 'src/demo', 'src/scripts', 'src/db', 'src/main.ts', 'src/runtime.ts', 'src/schema.ts'];
    expect(violations('src/core', upward)).toEqual([]);
    expect(violations('src/shared', [...upward, 'src/core'])).toEqual([]);
  });

  it('has no import circle', () => {
    expect(circlesOf(files, (file) => imports.get(file) ?? []).map((circle) => circle.map(rel))).toEqual([]);
  });

  it('has no circle among the modules', () => {
    const modules = new Set([...moduleArrows.values()].flatMap((a) => [a.from, a.to]));
    const next = (module: string) => [...moduleArrows.values()].filter((a) => a.from === module).map((a) => a.to);
    // Each circle named by its modules and every arrow between them, with an import that draws it.
    const named = circlesOf(modules, next).map((circle) => `${circle.join(', ')} import each other: ${[...moduleArrows]
      .filter(([, a]) => circle.includes(a.from) && circle.includes(a.to))
      .map(([arrow, a]) => `${arrow} (${a.via})`)
      .join('; ')}`);
    expect(named).toEqual([]);
  });
});
