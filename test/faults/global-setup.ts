import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { FAULTS_BUILD_DIR } from '../support/fault-processes';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/**
 * The fault tests start, kill and restart app processes dozens of times: they run the app as the
 * build does (CommonJS from the same sources), transpiled once here, so that each start costs a
 * second or two instead of ts-node compiling every file again. It lives under var/ (inside the
 * project, so node_modules resolves; not committed) and is never the dist/ others build into.
 */
export default function buildForFaultTests(): void {
  const root = process.cwd();
  rmSync(FAULTS_BUILD_DIR, { recursive: true, force: true });
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2023,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    isolatedModules: true,
  };
  for (const file of [...sources(join(root, 'src')), ...sources(join(root, 'migrations'))]) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      compilerOptions: options,
      fileName: file,
    }).outputText;
    const target = join(FAULTS_BUILD_DIR, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output);
  }
}
