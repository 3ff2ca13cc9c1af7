import { readFileSync } from 'node:fs';

/**
 * Summarises a .cpuprofile: self time by function and by where the code lives (a package under
 * node_modules, a file of ours, node's internals), and the inclusive time of our own functions.
 * `node -r ts-node/register/transpile-only bench/profile-summary.ts <file.cpuprofile> [rows]`
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const totalUs = profile.endTime - profile.startTime;

function where(url: string): string {
  if (!url) return '(native/vm)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return url;
  const ours = /\/work\/[^/]+\/(.*)$/.exec(url.replace('file://', ''));
  return ours ? ours[1] : url;
}
const label = (node: ProfileNode) =>
  `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;

function top(map: Map<string, number>, n: number, title: string) {
  console.log(`\n${title}`);
  for (const [key, us] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n)) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / totalUs).toFixed(1).padStart(5)} %  ${key}`);
  }
}

const selfByFunction = new Map<string, number>();
const selfByPlace = new Map<string, number>();
const inclusiveOurs = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id)!;
  selfByFunction.set(label(node), (selfByFunction.get(label(node)) ?? 0) + us);
  const place = where(node.callFrame.url);
  selfByPlace.set(place, (selfByPlace.get(place) ?? 0) + us);
  // Inclusive time of our functions: each sample counts once per distinct function of ours on its stack.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)!;
    if (!/\/(src|bench)\//.test(frame.callFrame.url) || frame.callFrame.url.includes('node_modules')) continue;
    const key = label(frame);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusiveOurs.set(key, (inclusiveOurs.get(key) ?? 0) + us);
  }
}
console.log(`profile: ${(totalUs / 1e6).toFixed(2)} s wall, ${profile.samples.length} samples`);
top(selfByPlace, rows, 'self time by place');
top(selfByFunction, rows, 'self time by function');
top(inclusiveOurs, rows, 'inclusive time of our functions');
