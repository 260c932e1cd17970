// The README example check every package shares: its ```ts blocks are compiled in memory, as if
// each sat in the package's folder, against the package's own source, so a README cannot drift
// from the API it documents. Nothing is written to disk.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

/** The ```ts examples of a README, from the heading `from` on when given. */
export function readmeExamples(readmePath: string, opts: { from?: string } = {}): string[] {
  const text = readFileSync(readmePath, 'utf8');
  const start = opts.from === undefined ? 0 : text.indexOf(opts.from);
  if (start < 0) throw new Error(`${readmePath} has no "${opts.from}"`);
  return [...text.slice(start).matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

/** Where and how the examples are compiled. */
export interface ExampleCheck {
  /** The folder the examples sit in (their relative imports start there); usually the package root. */
  dir: string;
  /** Module, resolution, libs, types, paths: whatever the package's callers would use. */
  options: ts.CompilerOptions;
  /** The example's file extension (`.mts` for NodeNext ES modules in a package without "type"). */
  extension?: '.ts' | '.mts';
}

/** The name an example is reported under: `readme-example-<n>`. */
export const exampleName = (n: number): string => `readme-example-${n}`;

/** The compiler's complaints about the examples, each as `readme-example-<n>:<line> <message>`. */
export function typeCheckExamples(examples: readonly string[], check: ExampleCheck): string[] {
  const dir = resolve(check.dir);
  const files = new Map(examples.map((code, i) => [join(dir, `${exampleName(i + 1)}${check.extension ?? '.ts'}`), `${code}\nexport {};\n`]));
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, ...check.options };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (name) => files.get(resolve(name)) ?? read(name);
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(resolve(name)) || exists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.replace(`${dir}/`, '').replace(/\.m?ts$/, '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/**
 * The check of a Node ES module package's examples against its own sources: NodeNext modules,
 * Node's types, and `paths` from the package names the examples import to source files.
 */
export function nodePackageCheck(packageRoot: string, paths: Record<string, string[]>): ExampleCheck {
  return {
    dir: packageRoot,
    extension: '.mts',
    options: {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
      typeRoots: typeRootsOf(packageRoot),
      baseUrl: packageRoot,
      paths,
    },
  };
}

/** `types` for `options`, found in the package's and the repository root's node_modules/@types. */
export function typeRootsOf(packageRoot: string): string[] {
  return [join(packageRoot, 'node_modules/@types'), join(packageRoot, '../../node_modules/@types')];
}
