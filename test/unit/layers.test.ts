import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The layers, checked on every run: src/shared and src/core below
 * src/modules, src/server, src/demo and src/scripts on top. Imports point down:
 * no module imports the server wiring, the core imports no module, and no
 * files import each other in a circle (type-only imports count: they tie the
 * files together just the same for a reader).
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
    // Tarjan's strongly connected components over the file graph.
    let index = 0;
    const indexOf = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    const visit = (file: string) => {
      indexOf.set(file, index);
      low.set(file, index++);
      stack.push(file);
      onStack.add(file);
      for (const next of imports.get(file) ?? []) {
        if (!indexOf.has(next)) {
          visit(next);
          low.set(file, Math.min(low.get(file)!, low.get(next)!));
        } else if (onStack.has(next)) {
          low.set(file, Math.min(low.get(file)!, indexOf.get(next)!));
        }
      }
      if (low.get(file) === indexOf.get(file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(rel(member));
        } while (member !== file);
        if (component.length > 1) circles.push(component.sort());
      }
    };
    for (const file of files) if (!indexOf.has(file)) visit(file);
    expect(circles).toEqual([]);
  });
});
