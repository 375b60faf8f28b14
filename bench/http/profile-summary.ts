import { readFileSync } from 'node:fs';

/**
 * `node -r @swc-node/register bench/http/profile-summary.ts <file.cpuprofile> [top]`: the top
 * functions by self time, the self time per package, and the inclusive time per package (samples
 * with a frame of the package anywhere on the stack, so socket writes count for the library that
 * made them), as shares of the busy (non-idle) time.
 * `... profile-summary.ts <file.cpuprofile> callers <function name>`: the stacks that call it.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)']);

function packageOf(url: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  const own = /\/dist\/(libs\/[^/]+|apps\/[^/]+)/.exec(url);
  if (own) return `strata ${own[1]}`;
  if (url.startsWith('node:') || url === '') return 'node (built-in)';
  return url;
}

const frameName = (frame: ProfileNode['callFrame']) =>
  `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '').replace(/^.*\/dist\//, '')}:${frame.lineNumber + 1}`;

class ProfileIndex {
  readonly byId: Map<number, ProfileNode>;
  readonly parent = new Map<number, number>();
  /** Microseconds of samples whose leaf is the node. */
  readonly selfTime = new Map<number, number>();
  busy = 0;
  total = 0;

  constructor(readonly profile: Profile) {
    this.byId = new Map(profile.nodes.map((node) => [node.id, node]));
    for (const node of profile.nodes) for (const child of node.children ?? []) this.parent.set(child, node.id);
    profile.samples.forEach((id, i) =>
      this.selfTime.set(id, (this.selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
    );
    for (const [id, micros] of this.selfTime) {
      this.total += micros;
      if (this.byId.get(id)!.callFrame.functionName !== '(idle)') this.busy += micros;
    }
  }

  *stack(id: number): Generator<ProfileNode> {
    for (let at: number | undefined = id; at !== undefined; at = this.parent.get(at)) yield this.byId.get(at)!;
  }

  share(micros: number): string {
    return `${((100 * micros) / this.busy).toFixed(1)}%`;
  }
}

function print(title: string, index: ProfileIndex, totals: Map<string, number>, top: number): void {
  console.log(`\n${title}`);
  for (const [name, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${index.share(micros).padStart(6)}  ${name}`);
  }
}

function summarize(index: ProfileIndex, top: number): void {
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, micros] of index.selfTime) {
    const frame = index.byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    byFunction.set(frameName(frame), (byFunction.get(frameName(frame)) ?? 0) + micros);
    const pkg = IDLE.has(frame.functionName) ? frame.functionName : packageOf(frame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
    const onStack = new Set<string>();
    for (const node of index.stack(id)) {
      if (IDLE.has(node.callFrame.functionName) || node.callFrame.url === '') continue;
      onStack.add(packageOf(node.callFrame.url));
    }
    for (const pkg of onStack) inclusive.set(pkg, (inclusive.get(pkg) ?? 0) + micros);
  }
  console.log(`busy ${(index.busy / 1e6).toFixed(1)} s of ${(index.total / 1e6).toFixed(1)} s profiled`);
  print('self time by function', index, byFunction, top);
  print('self time by package', index, byPackage, top);
  print('inclusive time by package (overlapping: a stack counts for every package on it)', index, inclusive, top);
}

/** The call stacks (up to `depth` callers) under which `functionName` spends its self time. */
function callers(index: ProfileIndex, functionName: string, top: number, depth = 12): void {
  const stacks = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of index.selfTime) {
    if (index.byId.get(id)!.callFrame.functionName !== functionName) continue;
    total += micros;
    const chain = [...index.stack(id)].slice(1, depth + 1).map((node) => frameName(node.callFrame));
    stacks.set(chain.join(' < '), (stacks.get(chain.join(' < ')) ?? 0) + micros);
  }
  console.log(`${functionName}: ${index.share(total)} of the busy time`);
  for (const [chain, micros] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${index.share(micros).padStart(6)}  ${chain}`);
  }
}

const [file, mode, name] = process.argv.slice(2);
const index = new ProfileIndex(JSON.parse(readFileSync(file, 'utf8')) as Profile);
if (mode === 'callers') callers(index, name, 15);
else summarize(index, Number(mode ?? 25));
