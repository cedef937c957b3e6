import { statSync, readFileSync, createReadStream, existsSync, readdirSync, rmSync, mkdirSync, writeFileSync, renameSync, copyFileSync, rmdirSync, chmodSync, mkdtempSync, realpathSync } from 'node:fs';
import path from 'node:path';
import os, { availableParallelism } from 'node:os';
import { spawn, execFileSync } from 'node:child_process';
import { randomUUID, createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

// @3: per-call figures have their loop costs subtracted, and memory_copy_ns_per_kib replaces memory_ns_per_kib.
const RESULTS_SCHEMA = 'wasm-ffi-bench/results@3';

/** In-process phases a host reports for the workload (report file `phases_ns`). */
const PHASES = ['setup', 'compile', 'instantiate', 'execute'];
/** Per-call figures a host reports from the ffi module (report file `ffi`). */
const FFI_METRICS = ['export_noop_ns', 'export_add_ns', 'import_noop_ns', 'memory_copy_ns_per_kib'];
/** The empty-loop costs a host subtracts from its per-call figures (report file, beside `ffi`), with their labels. */
const FFI_LOOPS = { loop_ns: 'host loop', guest_loop_ns: 'guest loop' };
const FFI_LOOP_NAMES = Object.keys(FFI_LOOPS);
/** The loops of a host's ffi command, as its report's `calls` and its `--calls` option name them. */
const HOST_LOOPS = ['loop', 'guest_loop', 'export_noop', 'export_add', 'import_noop', 'memory'];
/** The loop each per-call figure times, the empty loop whose cost it has subtracted, and the KiB it is per. */
const FFI_METRIC_LOOPS = {
    export_noop_ns: { loop: 'export_noop', empty: 'loop_ns', kib: 1 },
    export_add_ns: { loop: 'export_add', empty: 'loop_ns', kib: 1 },
    import_noop_ns: { loop: 'import_noop', empty: 'guest_loop_ns', kib: 1 },
    // one call with 1 MiB written into the guest's memory
    memory_copy_ns_per_kib: { loop: 'memory', empty: 'loop_ns', kib: 1024 }
};
const UNITS = ['ms', 'ns', 'ns/KiB', 'ratio', 'instructions', 'instructions/KiB'];
/** Groups of compared metrics that the `gate` input switches on; the others are shown only. */
const GATE_GROUPS = ['overhead', 'per-call', 'instructions', 'per-call-instructions', 'wall-time', 'phases'];
/** What the product exists for: the overhead against native, the per-call costs, and each host's instruction count.
 *  Instructions per call are shown only by default: they vary by up to ~1.5% from run to run (docs/noise-study.md). */
const DEFAULT_GATE_GROUPS = ['overhead', 'per-call', 'instructions'];
const PER_CALL_COUNTS = {
    export_noop_ns: 'export_noop',
    export_add_ns: 'export_add',
    import_noop_ns: 'import_noop',
    memory_copy_ns_per_kib: 'memory_copy_per_kib'
};
FFI_METRICS.map(metric => PER_CALL_COUNTS[metric]);
const FFI_INFO = {
    export_noop_ns: { label: 'export noop', unit: 'ns' },
    export_add_ns: { label: 'export add', unit: 'ns' },
    import_noop_ns: { label: 'import noop', unit: 'ns' },
    memory_copy_ns_per_kib: { label: 'memory copy', unit: 'ns/KiB' }
};
const phaseMetric = (phase) => `phases_ms.${phase}`;
const instructionMetric = (metric) => `instructions.${PER_CALL_COUNTS[metric]}`;
const METRICS = {
    overhead: { label: 'overhead', unit: 'ratio', group: 'overhead' },
    wall_ms: { label: 'wall time', unit: 'ms', group: 'wall-time' },
    ...Object.fromEntries(FFI_METRICS.map(m => [m, { ...FFI_INFO[m], group: 'per-call' }])),
    ...Object.fromEntries(PHASES.map(p => [phaseMetric(p), { label: `${p} phase`, unit: 'ms', group: 'phases' }])),
    instructions: { label: 'instructions', unit: 'instructions', group: 'instructions' },
    ...Object.fromEntries(FFI_METRICS.map(m => [
        instructionMetric(m),
        {
            label: `${FFI_INFO[m].label} (instructions)`,
            unit: FFI_INFO[m].unit === 'ns/KiB' ? 'instructions/KiB' : 'instructions',
            group: 'per-call-instructions'
        }
    ])),
    'scaling.fixed_ms': { label: 'scaling fixed', unit: 'ms', group: null },
    'scaling.per_item_ns': { label: 'scaling per item', unit: 'ns', group: null }
};
const METRIC_NAMES = Object.keys(METRICS);
const TIME_UNITS = ['ms', 'ns', 'ns/KiB'];
/** Whether a metric's value is an absolute time, which says nothing across CPU models (instruction counts do). */
const isAbsolute = (metric) => TIME_UNITS.includes(METRICS[metric].unit);
/** The two hosts with a role: the reference of the overhead, and the reference of per-call costs. */
const ROLES = {
    /** the wasmtime CLI: every other host's overhead is its time over this one's, paired per round */
    overheadReference: 'native',
    /** the Rust embedding: per-call costs are shown as multiples of this one's */
    perCallReference: 'rust'
};
/** What the role hosts are, for readers: "native" is not native code but the wasmtime CLI. */
const ROLE_LABELS = {
    overheadReference: 'wasmtime CLI'};

// Results that come from another run (a matrix job's artifact, possibly a fork's, or a cached baseline) are data
// nobody vouches for: every field the reports and the gate use is checked for its type and range, and a clean
// copy is built from the checked fields alone, so nothing unchecked travels on into the comment or the gate.
const LIMITS = {
    /** bytes of one results file (10,000 rounds of five hosts with every figure stay well below) */
    fileBytes: 32 * 1024 * 1024,
    /** results files in one report: one per OS and arch of the matrix */
    files: 16,
    hosts: 32,
    /** the most rounds the iterations input allows */
    samples: 10_000,
    comparisons: 1_000,
    sizes: 64,
    argv: 64,
    /** tools in a host's toolchain record */
    toolchains: 32,
    /** variables a host adds to its processes' environment */
    env: 32
};
/** RUNNER_OS values, and the platform names runnerInfo falls back to off a runner. */
const OS_NAMES$2 = [
    'Linux',
    'macOS',
    'Windows',
    'linux',
    'darwin',
    'win32',
    'aix',
    'android',
    'freebsd',
    'haiku',
    'netbsd',
    'openbsd',
    'sunos',
    'cygwin'
];
/** RUNNER_ARCH values, and Node's arch names. */
const ARCH_NAMES$1 = [
    'X64',
    'ARM64',
    'X86',
    'ARM',
    'x64',
    'arm64',
    'ia32',
    'arm',
    'loong64',
    'mips',
    'mipsel',
    'ppc',
    'ppc64',
    'riscv64',
    's390',
    's390x'
];
class Invalid extends Error {
}
function fail(path, what) {
    throw new Invalid(`${path}: ${what}`);
}
const describeValue = (v) => v === undefined ? 'missing' : v === null ? 'null' : `a ${Array.isArray(v) ? 'list' : typeof v}`;
const str = (max, pattern) => (v, p) => {
    if (typeof v !== 'string')
        return fail(p, `expected text, got ${describeValue(v)}`);
    if (v.length > max)
        return fail(p, `longer than ${max} characters`);
    if (pattern && !pattern.test(v))
        return fail(p, `"${v.slice(0, 40)}" does not match ${pattern}`);
    return v;
};
const oneOf = (values) => (v, p) => values.includes(v) ? v : fail(p, `expected one of ${values.join(', ')}`);
const bool = (v, p) => (typeof v === 'boolean' ? v : fail(p, `expected true or false, got ${describeValue(v)}`));
const num = (min = -Number.MAX_VALUE, max = Number.MAX_VALUE) => (v, p) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
        return fail(p, `expected a finite number, got ${describeValue(v)}`);
    if (v < min || v > max)
        return fail(p, `${v} is outside [${min}, ${max}]`);
    return v;
};
const int = (min, max) => (v, p) => Number.isInteger(num(min, max)(v, p)) ? v : fail(p, `${String(v)} is not a whole number`);
/** A figure the analysis could not compute: JSON has no NaN, so it arrives as null and is NaN again (a dash). */
const figure = (min, max) => (v, p) => v === null ? Number.NaN : num(min, max)(v, p);
const nullable = (check) => (v, p) => v === null ? null : check(v, p);
const optional = (check) => (v, p) => v === undefined ? undefined : check(v, p);
const list = (check, max) => (v, p) => {
    if (!Array.isArray(v))
        return fail(p, `expected a list, got ${describeValue(v)}`);
    if (v.length > max)
        return fail(p, `more than ${max} entries`);
    return v.map((item, i) => check(item, `${p}[${i}]`));
};
const pair = (check) => (v, p) => {
    if (!Array.isArray(v) || v.length !== 2)
        return fail(p, 'expected a pair [low, high]');
    return [check(v[0], `${p}[0]`), check(v[1], `${p}[1]`)];
};
/** Only the listed fields are copied: an unexpected field is dropped, never passed on. */
const obj = (shape) => (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        return fail(p, `expected an object, got ${describeValue(v)}`);
    const out = {};
    for (const [key, check] of Object.entries(shape)) {
        const value = check(v[key], p ? `${p}.${key}` : key);
        if (value !== undefined)
            out[key] = value;
    }
    return out;
};
/** Text to text with any keys, bounded (a host's toolchain record: tool -> version). */
const textMap = (maxEntries, key, value) => (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        return fail(p, `expected an object, got ${describeValue(v)}`);
    const entries = Object.entries(v);
    if (entries.length > maxEntries)
        return fail(p, `more than ${maxEntries} entries`);
    return Object.fromEntries(entries.map(([k, x]) => [key(k, `${p} key`), value(x, `${p}.${k}`)]));
};
const record$1 = (keys, check) => obj(Object.fromEntries(keys.map(key => [key, check])));
const hex = (max) => str(max, /^[0-9a-f]*$/);
const hostName = str(40, /^[a-z0-9-]+$/);
const stats = obj({
    samples: list(num(), LIMITS.samples),
    n: int(0, LIMITS.samples),
    mean: num(),
    median: num(),
    min: num(),
    max: num(),
    sd: num(0),
    mad: num(0),
    ci95: pair(num()),
    outliers: int(0, LIMITS.samples)
});
const scaling$1 = obj({
    fixed_ms: figure(),
    per_item_ns: figure(),
    r2: figure(),
    points: list(obj({ size: int(1, 1e9), wall_ms: list(num(), LIMITS.samples) }), LIMITS.sizes),
    overhead_vs_native: obj({ fixed: nullable(figure()), per_item: nullable(figure()) })
});
const host = obj({
    name: hostName,
    runtime: str(100),
    version: str(100),
    argv: list(str(4000), LIMITS.argv),
    cwd: str(4000),
    env: optional(textMap(LIMITS.env, str(100), str(4000))),
    status: oneOf(['ok', 'failed']),
    optional: bool,
    error: optional(str(4000)),
    output_sha256: nullable(hex(64)),
    workload: obj({
        wall_ms: nullable(stats),
        phases_ms: record$1(PHASES, nullable(stats)),
        overhead_vs_native: nullable(obj({ median: figure(), ci95: pair(figure()) })),
        // Results from before the launcher have no CPU times and no clock.
        cpu_ms: optional(nullable(obj({ user: stats, system: stats })))
    }),
    ffi: record$1(FFI_METRICS, nullable(stats)),
    ffi_loops: optional(nullable(record$1(FFI_LOOP_NAMES, nullable(stats)))),
    ffi_vs_rust: record$1(FFI_METRICS, optional(nullable(figure()))),
    scaling: nullable(scaling$1),
    toolchains: optional(textMap(LIMITS.toolchains, str(60), str(300))),
    // Results from before instruction counts have none.
    instructions: optional(nullable(obj({ workload: nullable(stats), per_call: nullable(record$1(FFI_METRICS, nullable(stats))), error: optional(str(4000)) })))
});
const comparison = obj({
    host: hostName,
    metric: oneOf(METRIC_NAMES),
    unit: oneOf(UNITS),
    baseline_median: figure(),
    current_median: figure(),
    change: figure(),
    ci95: pair(figure()),
    ci_level: optional(num(0, 1)),
    p: figure(0, 1),
    p_adjusted: optional(figure(0, 1)),
    n: optional(int(0, LIMITS.samples)),
    verdict: oneOf(['regression', 'improvement', '~', 'inconclusive']),
    gating: bool,
    note: optional(str(500))
});
const results = obj({
    schema: oneOf([RESULTS_SCHEMA]),
    runner: obj({ os: oneOf(OS_NAMES$2), arch: oneOf(ARCH_NAMES$1), cpu: str(200), node: str(40) }),
    commit: hex(64),
    pr: nullable(int(1, 1e9)),
    created_at: str(40),
    config: obj({
        hosts: list(hostName, LIMITS.hosts),
        iterations: int(1, LIMITS.samples),
        warmup: int(0, LIMITS.samples),
        guest: nullable(str(4000)),
        wasm: nullable(str(4000)),
        guest_args: list(str(1000), LIMITS.argv),
        ffi: bool,
        sizes: list(int(1, 1e9), LIMITS.sizes)
    }),
    config_hash: str(128, /^[0-9A-Za-z]*$/),
    gate: obj({
        threshold: num(0, 10),
        baseline_threshold: num(0, 10),
        instructions_threshold: optional(num(0, 10)),
        alpha: num(0, 1),
        groups: list(oneOf(GATE_GROUPS), GATE_GROUPS.length),
        optional_hosts: list(hostName, LIMITS.hosts),
        fail_on_regression: bool,
        fail_on_inconclusive: optional(bool)
    }),
    harness: obj({
        spawn_ms: stats,
        clock: optional(obj({ source: oneOf(['launcher', 'node']), note: nullable(str(300)) }))
    }),
    hosts: list(host, LIMITS.hosts),
    comparisons: list(comparison, LIMITS.comparisons),
    compared_with: obj({
        kind: oneOf(['revision', 'baseline', 'none']),
        commit: nullable(hex(64)),
        source: str(300),
        note: nullable(str(1000)),
        rounds: int(0, LIMITS.samples),
        seconds: num(0),
        decided: bool
    }),
    base: nullable(obj({ commit: hex(64), hosts: list(host, LIMITS.hosts) })),
    baseline: nullable(obj({ source: str(300), commit: hex(64), cpu: str(200) })),
    baseline_note: nullable(str(1000)),
    baseline_saved: optional(bool),
    baseline_comparisons: list(comparison, LIMITS.comparisons),
    instructions: optional(obj({
        counter: nullable(str(100)),
        note: nullable(str(500)),
        runs: int(0, 100),
        processes: int(0, 100_000),
        parallel: int(0, 1024),
        seconds: num(0),
        process_seconds: num(0)
    })),
    verdict: oneOf(['pass', 'regression', 'error'])
});
const refuse = (kind, what) => ({ results: null, refused: { kind, what } });
/** Checks parsed JSON; a refusal names the first field that is wrong and how. */
function validateResults(value) {
    const schema = value?.schema;
    if (schema !== RESULTS_SCHEMA) {
        return refuse('schema', `has schema ${JSON.stringify(schema ?? null).slice(0, 60)}, expected "${RESULTS_SCHEMA}"`);
    }
    try {
        return { results: results(value, ''), refused: null };
    }
    catch (error) {
        if (error instanceof Invalid)
            return refuse('field', `is malformed at ${error.message}`);
        throw error;
    }
}
/** Parses and checks a results text (a downloaded file, a cached baseline), bounded in size first. */
function validateResultsText(text) {
    if (text.length > LIMITS.fileBytes)
        return refuse('size', `is larger than ${LIMITS.fileBytes} bytes`);
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (error) {
        return refuse('json', `is not valid JSON (${error.message.slice(0, 120)})`);
    }
    return validateResults(parsed);
}
function validateResultsFile(file) {
    try {
        const size = statSync(file).size;
        if (size > LIMITS.fileBytes)
            return refuse('size', `is ${size} bytes, more than the ${LIMITS.fileBytes} allowed`);
        return validateResultsText(readFileSync(file, 'utf8'));
    }
    catch (error) {
        return refuse('io', `is unreadable (${error.code ?? error.message})`);
    }
}

// Reads a baseline results file and decides whether it can be compared with the current run.
/** The text of a local baseline file; whether it can be compared is checkBaseline's call, in the pipeline. */
function readBaselineText(file) {
    try {
        return { text: readFileSync(file, 'utf8'), warning: null };
    }
    catch (error) {
        const code = error.code;
        return { text: null, warning: code === 'ENOENT' ? `no baseline at ${file}` : `baseline ${file} is unreadable (${code})` };
    }
}
/** A cached baseline is another run's results (possibly restored from a poisoned cache): validated whole. */
function checkBaseline(text, source, current) {
    const checked = validateResultsText(text);
    if (checked.results === null) {
        const { kind, what } = checked.refused;
        if (kind === 'json')
            return { baseline: null, warning: `baseline ${source} is not valid JSON; ignored` };
        if (kind === 'field')
            return { baseline: null, warning: `baseline ${source} is incomplete; ignored (it ${what})` };
        return { baseline: null, warning: `baseline ${source} ${what}; ignored` };
    }
    const baseline = checked.results;
    if (baseline.config_hash !== current.config_hash) {
        return {
            baseline: null,
            warning: `baseline ${source} was measured with another configuration (${baseline.config_hash} vs ${current.config_hash}); ignored`
        };
    }
    return { baseline, warning: null };
}

// THE one place for pinned versions. hosts/go/go.mod, hosts/python/requirements.txt and hosts/rust/Cargo.toml
// state the same wasmtime major version (__tests__/toolchains-versions.test.ts checks that).
/** The wasmtime CLI (release assets, `cargo install wasmtime-cli`) and the Rust host's wasmtime crates. */
const WASMTIME_VERSION = '39.0.1';
/**
 * sha256 of the official release assets of the wasmtime CLI (WASMTIME_VERSION): a download is used only when it
 * matches. A platform without an entry (e.g. aarch64-windows) builds the CLI with `cargo install` instead.
 * Source: the checksums pulseengine/rules_wasm_component records for v39.0.1 (checksums/tools/wasmtime.json);
 * not re-derived here, where github.com cannot be reached. To update: `sha256sum` of each downloaded asset.
 */
const WASMTIME_ASSET_SHA256 = {
    'wasmtime-v39.0.1-x86_64-linux.tar.xz': 'b90a36125387b75db59a67a1c402f2ed9d120fa43670d218a559571e2423d925',
    'wasmtime-v39.0.1-aarch64-linux.tar.xz': 'bff5ebd3e6781620f40e5586f1aa221f7da98128dacf0142bfb4b25d12242274',
    'wasmtime-v39.0.1-x86_64-macos.tar.xz': 'd9ecdc6b423a59f09a63abe352f470d48fcd03a4d6bc0db5fcf57830f2832be6',
    'wasmtime-v39.0.1-aarch64-macos.tar.xz': '3878fc98ab1fec191476ddec5d195e6d018d7fbe5376e54d2c23aedf38aa1bd2',
    'wasmtime-v39.0.1-x86_64-windows.zip': 'bccf64b4227d178c0d13f2856be68876eae3f2f657f3a85d46f076a5e1976198'
};
/** The Go and Python the action sets up by default (go-version, python-version): the ones its tests build with. */
const GO_VERSION = '1.26.8';
const PYTHON_VERSION = '3.13.0';
/** The major version every wasmtime-based host shares. */
Number(WASMTIME_VERSION.split('.')[0]);

// Small pure functions about the platform: file names, install locations and release assets.
/**
 * The path functions of `platform`, for paths written in its syntax (PATH, the cache root an environment names):
 * Windows paths for win32 even where the code runs elsewhere (tests). Folders found or made on this machine are
 * joined with node's path, which on a Windows runner is path.win32.
 */
function pathOf(platform) {
    return platform === 'win32' ? path.win32 : path.posix;
}
/** The file name of an executable: `host.exe` on Windows, `host` elsewhere. */
function exeName(base, platform) {
    return platform === 'win32' ? `${base}.exe` : base;
}
/** The interpreter inside a virtual environment (a folder on this machine); on Windows a redirector (venv.ts). */
function venvPython(venvDir, platform) {
    return platform === 'win32' ? path.join(venvDir, 'Scripts', 'python.exe') : path.join(venvDir, 'bin', 'python');
}
/** Python interpreters to try, in order (Windows has no python3.exe outside the Store alias). */
function pythonCandidates(platform) {
    return platform === 'win32' ? ['python'] : ['python3', 'python'];
}
const ASSET_OS = { linux: 'linux', darwin: 'macos', win32: 'windows' };
const ASSET_ARCH = { x64: 'x86_64', arm64: 'aarch64' };
/** The official release asset of the wasmtime CLI for this platform, or null when there is none. */
function wasmtimeAsset(version, platform, arch) {
    const os = ASSET_OS[platform];
    const cpu = ASSET_ARCH[arch];
    if (!os || !cpu)
        return null;
    const archive = platform === 'win32' ? 'zip' : 'tar.xz';
    const dir = `wasmtime-v${version}-${cpu}-${os}`;
    const name = `${dir}.${archive}`;
    return { name, url: `https://github.com/bytecodealliance/wasmtime/releases/download/v${version}/${name}`, archive, dir };
}
/** Environment for `go build` of a cgo program (wasmtime-go links the wasmtime C API). */
function cgoEnv(platform) {
    if (platform === 'win32') {
        return {
            env: { CGO_ENABLED: '1', CC: 'gcc' },
            compiler: 'gcc',
            hint: 'cgo on Windows needs MinGW-w64 gcc on PATH (CC=gcc), e.g. C:\\mingw64\\bin on GitHub runners or `choco install mingw`'
        };
    }
    return { env: { CGO_ENABLED: '1' }, compiler: null, hint: 'cgo needs a C compiler (cc) on PATH' };
}
/** Rust targets whose standard library can build the guest, newest name first. */
function rustWasmTargets() {
    return ['wasm32-wasip1', 'wasm32-wasi'];
}
/** Where built hosts, the guest and the wasmtime CLI are cached, outside the checkout. */
function cacheRoot(env, platform, homedir) {
    const p = pathOf(platform);
    const get = (name) => envValue(env, name, platform);
    const own = get('WASM_FFI_BENCH_CACHE');
    if (own)
        return own;
    const toolCache = get('RUNNER_TOOL_CACHE');
    if (get('GITHUB_ACTIONS') === 'true' && toolCache)
        return p.join(toolCache, 'wasm-ffi-bench');
    if (platform === 'win32')
        return p.join(get('LOCALAPPDATA') || p.join(homedir, 'AppData', 'Local'), 'wasm-ffi-bench');
    return p.join(get('XDG_CACHE_HOME') || p.join(homedir, '.cache'), 'wasm-ffi-bench');
}
/** "linux-x64", "darwin-arm64", "win32-x64": part of every cache path and key. */
function platformTag(platform, arch) {
    return `${platform}-${arch}`;
}
/** `<cacheRoot>/wasmtime-cli/<version>-<tag>` (a folder on this machine): the `cargo install --root` and the copy of the release binary. */
function wasmtimeCliDir(root, platform, arch, version = WASMTIME_VERSION) {
    return path.join(root, 'wasmtime-cli', `${version}-${platformTag(platform, arch)}`);
}
/** How Go's release list (go.dev/dl/?mode=json) names this platform: "linux-amd64", "darwin-arm64", "windows-amd64". */
function goDistPlatform(platform, arch) {
    const os = { linux: 'linux', darwin: 'darwin', win32: 'windows' }[platform];
    const cpu = { x64: 'amd64', arm64: 'arm64', ia32: '386' }[arch];
    return os && cpu ? { os, arch: cpu } : null;
}
/** The archive Go publishes for a release: go1.26.8.linux-amd64.tar.gz, go1.26.8.windows-amd64.zip. */
function goArchiveName(version, platform, arch) {
    const dist = goDistPlatform(platform, arch);
    return dist ? `go${version}.${dist.os}-${dist.arch}.${platform === 'win32' ? 'zip' : 'tar.gz'}` : null;
}
/** Go's spelling of the version in `go version` output ("go version go1.26.8 linux/amd64" -> "go1.26.8"), or null. */
function goVersionOf(output) {
    return /go version (go\S+)/.exec(output)?.[1] ?? null;
}
/** Go's own spelling to semver, as the tool cache stores it: go1.26.8 -> 1.26.8, go1.20 -> 1.20.0, go1.27rc1 -> 1.27.0-rc.1. */
function goSemver(version) {
    const m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?$/.exec(version);
    if (!m)
        return null;
    const core = `${m[1]}.${m[2]}.${m[3] ?? '0'}`;
    return m[4] ? `${core}-${m[4]}.${m[5]}` : core;
}
/** The archive format by file name, which decides how it is extracted. */
function archiveFormat(fileName) {
    if (/\.zip$/i.test(fileName))
        return 'zip';
    if (/\.(tar\.gz|tgz)$/i.test(fileName))
        return 'tar.gz';
    if (/\.tar\.xz$/i.test(fileName))
        return 'tar.xz';
    return null;
}
/** The architecture names of actions/python-versions and of the tool cache's Python folder: x64, arm64, x86. */
function pythonArch(arch) {
    return arch === 'ia32' ? 'x86' : arch;
}
/** How a python-versions archive installs itself: its own setup script, run from the extracted folder. */
function pythonSetupScript(platform) {
    if (platform === 'win32') {
        return { file: 'setup.ps1', argv: ['powershell', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', 'setup.ps1'] };
    }
    return { file: 'setup.sh', argv: ['bash', 'setup.sh'] };
}
/**
 * A Python in the tool cache (`Python/<version>/<arch>`, a folder on this machine): its interpreter, PATH folders
 * and shared library folder, as actions/setup-python lays them out on each OS.
 */
function pythonLayout(dir, platform) {
    if (platform === 'win32')
        return { executable: path.join(dir, 'python.exe'), pathDirs: [dir, path.join(dir, 'Scripts')], libDir: null };
    // python-versions builds link libpython with an rpath of the hosted tool cache; elsewhere the loader needs the folder.
    return {
        executable: path.join(dir, 'bin', 'python3'),
        pathDirs: [path.join(dir, 'bin')],
        libDir: platform === 'linux' ? path.join(dir, 'lib') : null
    };
}
/** The name of an environment variable as `env` spells it (Windows: `Path`), or `name` when it is absent. */
function envKey(env, name, platform) {
    if (platform !== 'win32')
        return name;
    return Object.keys(env).find(key => key.toUpperCase() === name.toUpperCase()) ?? name;
}
/** The value of an environment variable under any spelling on Windows (`Path`, `ComSpec`), exactly elsewhere. */
function envValue(env, name, platform) {
    return env[envKey(env, name, platform)];
}
/** `dirs` put in front of a list variable (PATH, LD_LIBRARY_PATH), keeping what `env` had after them. */
function prependList(env, name, dirs, platform) {
    const key = envKey(env, name, platform);
    const sep = platform === 'win32' ? ';' : ':';
    const rest = (env[key] ?? '').split(sep).filter(dir => dir && !dirs.includes(dir));
    return { [key]: [...dirs, ...rest].join(sep) };
}

// The environment of every child process (build steps, probes, measured hosts): an allow-list of what toolchains
// need, never the runner's credentials. Everything else of the parent's environment is left out, notably:
// INPUT_* (the action's inputs, `INPUT_GITHUB-TOKEN` among them), ACTIONS_* (the runtime token, the OIDC request
// token and URL, the cache and results service URLs), GITHUB_* other than GITHUB_ACTIONS (GITHUB_ENV, GITHUB_PATH
// and GITHUB_OUTPUT would let a build script change later steps), NODE_OPTIONS and VIRTUAL_ENV (they would change
// what a host measures), and RUSTC_WRAPPER (a cache server such as sccache wants the runtime token). A name that
// looks like a credential is dropped even where the allow-list would keep it (CARGO_REGISTRY_TOKEN, PIP_PASSWORD).
/** Names kept as they are (compared in upper case: Windows names are case-insensitive). */
const NAMES = new Set([
    // the system, on every OS
    'PATH',
    'HOME',
    'USER',
    'LOGNAME',
    'TMPDIR',
    'TEMP',
    'TMP',
    'LANG',
    'LANGUAGE',
    'TZ',
    'CI',
    'GITHUB_ACTIONS',
    'RUNNER_TEMP',
    'RUNNER_TOOL_CACHE',
    'RUNNER_OS',
    'RUNNER_ARCH',
    // Windows: what cmd, MSVC's linker discovery, Python and Go read
    'USERPROFILE',
    'USERNAME',
    'USERDOMAIN',
    'HOMEDRIVE',
    'HOMEPATH',
    'APPDATA',
    'LOCALAPPDATA',
    'PROGRAMDATA',
    'ALLUSERSPROFILE',
    'PUBLIC',
    'PROGRAMFILES',
    'PROGRAMFILES(X86)',
    'PROGRAMW6432',
    'COMMONPROGRAMFILES',
    'COMMONPROGRAMFILES(X86)',
    'COMMONPROGRAMW6432',
    'SYSTEMROOT',
    'SYSTEMDRIVE',
    'WINDIR',
    'COMSPEC',
    'PATHEXT',
    'OS',
    'NUMBER_OF_PROCESSORS',
    'PROCESSOR_ARCHITECTURE',
    'PROCESSOR_IDENTIFIER',
    'PROCESSOR_LEVEL',
    'PROCESSOR_REVISION',
    'INCLUDE',
    'LIB',
    'LIBPATH',
    // C toolchains (cgo, cc-rs) and dynamic libraries (a set-up Python's libpython)
    'CC',
    'CXX',
    'AR',
    'CFLAGS',
    'CXXFLAGS',
    'CPPFLAGS',
    'LDFLAGS',
    'CPATH',
    'LIBRARY_PATH',
    'PKG_CONFIG_PATH',
    'LD_LIBRARY_PATH',
    'DYLD_LIBRARY_PATH',
    'DYLD_FALLBACK_LIBRARY_PATH',
    'SDKROOT',
    'DEVELOPER_DIR',
    'MACOSX_DEPLOYMENT_TARGET',
    // Rust
    'RUSTC',
    'RUSTFLAGS',
    // wasmtime's compiler threads (rayon): one under the instruction counter, so that its count repeats
    'RAYON_NUM_THREADS',
    // Go
    'GOROOT',
    'GOPATH',
    'GOBIN',
    'GOCACHE',
    'GOMODCACHE',
    'GOENV',
    'GOFLAGS',
    'GOPROXY',
    'GOPRIVATE',
    'GONOPROXY',
    'GONOSUMDB',
    'GONOSUMCHECK',
    'GOSUMDB',
    'GOINSECURE',
    'GOTOOLCHAIN',
    'GOTMPDIR',
    'GOAMD64',
    'GOARM64',
    // git (the same-job comparison's fetch, src/revision/git.ts): its config files, SSH, and no prompt
    'GIT_CONFIG_GLOBAL',
    'GIT_CONFIG_SYSTEM',
    'GIT_SSH',
    'GIT_SSH_COMMAND',
    'SSH_AUTH_SOCK',
    'GIT_TERMINAL_PROMPT',
    'GCM_INTERACTIVE',
    // proxies and certificates, for downloads behind a corporate proxy
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'ALL_PROXY',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'REQUESTS_CA_BUNDLE',
    'CURL_CA_BUNDLE'
]);
/** Families kept by prefix: locale, XDG folders, cargo and rustup, cgo, pip, Python's own and setup-python's (pythonLocation, Python3_ROOT_DIR). */
const PREFIXES = ['LC_', 'XDG_', 'CARGO_', 'RUSTUP_', 'CGO_', 'PIP_', 'PYTHON'];
/** Never passed on, whatever the allow-list says: names that carry credentials. */
const CREDENTIAL = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|_KEY$|API_?KEY|ACCESS_?KEY/i;
function isAllowedVariable(name) {
    const upper = name.toUpperCase();
    if (CREDENTIAL.test(upper))
        return false;
    return NAMES.has(upper) || PREFIXES.some(prefix => upper.startsWith(prefix));
}
/** The allow-listed part of `env` (the parent's environment by default). */
function childEnv(env = process.env) {
    const out = {};
    for (const [key, value] of Object.entries(env)) {
        if (value !== undefined && isAllowedVariable(key))
            out[key] = value;
    }
    return out;
}

// What setup-go.ts and setup-python.ts share: the request (an input's version and download source), the
// installed result, and downloads through @actions/tool-cache whose failures name the toolchain and version.
/** The version that means "the toolchain on PATH, as the workflow set it up". */
const FROM_PATH = 'path';
/** Where setup-go and setup-python download from by default (their `go-download-base-url` and `mirror`). */
const GO_DOWNLOAD_BASE_URL = 'https://go.dev/dl';
const PYTHON_VERSIONS_MIRROR = 'https://raw.githubusercontent.com/actions/python-versions/main';
/** The CLI and direct builds: whatever is on PATH. */
const TOOLCHAINS_FROM_PATH = {
    go: { version: FROM_PATH, source: GO_DOWNLOAD_BASE_URL },
    python: { version: FROM_PATH, source: PYTHON_VERSIONS_MIRROR }
};
class ToolchainError extends Error {
    constructor(toolchain, version, message) {
        super(`${toolchain} ${version}: ${message}`);
        this.name = 'ToolchainError';
    }
}
/** @actions/tool-cache, loaded when a toolchain is set up (the CLI never needs it). */
const toolCache = () => import('./tool-cache.js');
/** tool-cache's find, once it is clear there is a tool cache: RUNNER_TOOL_CACHE, which every runner sets. */
async function findCached(tool, version, arch, input) {
    if (!process.env.RUNNER_TOOL_CACHE) {
        const name = tool === 'go' ? 'Go' : tool;
        throw new ToolchainError(name, version, `there is no tool cache (RUNNER_TOOL_CACHE is not set); set ${input} to "${FROM_PATH}" to take the one on PATH`);
    }
    const tc = await toolCache();
    return tc.find(tool, version, arch);
}
/** Downloads `url` to a file named `fileName` in RUNNER_TEMP (the extractors pick the format by name). */
async function download(url, fileName, fail) {
    const tc = await toolCache();
    const temp = process.env.RUNNER_TEMP;
    const dest = temp ? path.join(temp, randomUUID(), fileName) : undefined;
    try {
        return await tc.downloadTool(url, dest);
    }
    catch (error) {
        const status = error instanceof tc.HTTPError ? `HTTP ${error.httpStatusCode}` : error.message;
        throw fail(`download of ${url} failed: ${status}`);
    }
}
/** A JSON document (a release list or a manifest), downloaded and parsed. */
async function downloadJson(url, fail) {
    const file = await download(url, 'list.json', fail);
    try {
        return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
    }
    catch {
        throw fail(`${url} is not JSON`);
    }
}
/** Extracts an archive by its format; returns the folder it was extracted into. */
async function extract(file, fileName, fail) {
    const tc = await toolCache();
    const format = archiveFormat(fileName);
    try {
        if (format === 'zip')
            return await tc.extractZip(file);
        if (format === 'tar.gz')
            return await tc.extractTar(file, undefined, 'xz');
        if (format === 'tar.xz')
            return await tc.extractTar(file, undefined, ['xJ']);
    }
    catch (error) {
        throw fail(`${fileName} could not be extracted: ${error.message}`);
    }
    throw fail(`${fileName} is not a .zip, .tar.gz or .tar.xz archive`);
}
async function sha256File(file) {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file))
        hash.update(chunk);
    return hash.digest('hex');
}

const MINUTE = 60_000;

// Ending a child with everything it started. On POSIX every child leads its own process group (spawned detached),
// so one signal to the group reaches its grandchildren too; Windows has no groups, and taskkill /T walks the tree.
/** The command that ends a process tree on Windows; null where a signal to the process group does it. */
function killTreeArgv(pid, platform) {
    return platform === 'win32' ? ['taskkill', '/T', '/F', '/PID', String(pid)] : null;
}
/**
 * Kills the process group (POSIX) or tree (Windows) led by `pid`, which is still running; a group already gone is no
 * error. On Windows `terminate` (the child's own kill, through the handle Node holds, so never another process) runs
 * once taskkill is done: where taskkill cannot walk the tree (Wine's has no /T), ending the launcher still ends the
 * measured tree, since its job object kills every member when the launcher's handle closes.
 */
function killTree(pid, platform = process.platform, terminate = () => { }) {
    const argv = killTreeArgv(pid, platform);
    if (argv) {
        spawn(argv[0], argv.slice(1), { stdio: 'ignore', windowsHide: true }).on('error', terminate).on('exit', terminate);
        return;
    }
    try {
        process.kill(-pid, 'SIGKILL');
    }
    catch {
        // ESRCH: every process of the group has exited
    }
}
/**
 * Ends what a child that has exited left running. POSIX: the rest of its process group (a grandchild holding the
 * pipes). Windows: nothing. taskkill /T would walk from a PID that no longer exists, or now names another process;
 * the launcher's job object (KILL_ON_JOB_CLOSE) has ended the measured tree when the launcher exited.
 */
function endStragglers(pid, platform = process.platform) {
    if (platform !== 'win32')
        killTree(pid, platform);
}
const running = new Set();
let forwarding = false;
/**
 * Tracks a detached child until it ends. Detached children do not get the terminal's Ctrl-C, so an interrupted
 * CLI run (or a cancelled job) ends them first, then ends itself as the signal would have.
 */
function track(pid) {
    running.add(pid);
    if (!forwarding) {
        forwarding = true;
        for (const signal of ['SIGINT', 'SIGTERM']) {
            process.once(signal, () => {
                for (const child of running)
                    killTree(child);
                process.kill(process.pid, signal);
            });
        }
    }
    return () => running.delete(pid);
}

// Starts a child process (argument array, never a shell, always a timeout, the allow-listed environment of env.ts)
// and times it from spawn to exit. The measured runs and the build steps (process/exec.ts) both start theirs here.
// A timeout ends the whole process tree (tree.ts), and the result never waits on a grandchild that holds the pipes.
const MAX_STDOUT = 1 << 20;
/** How long the pipes may stay open after the process exited: what it wrote is read by then. */
const PIPE_GRACE_MS = 500;
function timedRun(argv, options) {
    return new Promise(resolve => {
        const stdout = [];
        let stdoutBytes = 0;
        let stderr = '';
        let timedOut = false;
        let exitAt = null;
        let settled = false;
        const start = process.hrtime.bigint();
        // POSIX: the child leads a new process group, so that a timeout can end its children too.
        const detached = process.platform !== 'win32';
        const child = spawn(argv[0], argv.slice(1), {
            cwd: options.cwd,
            env: childEnv(options.env ?? process.env),
            stdio: ['ignore', 'pipe', 'pipe'],
            shell: false,
            windowsHide: true,
            detached
        });
        const untrack = detached && child.pid !== undefined ? track(child.pid) : () => { };
        let grace;
        const finish = (result) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            clearTimeout(grace);
            untrack();
            child.stdout.destroy();
            child.stderr.destroy();
            resolve({ ...result, timedOut, stdout: Buffer.concat(stdout), stderr });
        };
        const timer = setTimeout(() => {
            timedOut = true;
            if (child.pid !== undefined)
                killTree(child.pid, process.platform, () => child.kill('SIGKILL'));
        }, options.timeoutMs);
        const lines = options.onLine ? lineSplitter(options.onLine) : null;
        child.stdout.on('data', (chunk) => {
            if (stdoutBytes < MAX_STDOUT)
                stdout.push(chunk);
            stdoutBytes += chunk.length;
            lines?.out(chunk);
        });
        child.stderr.on('data', (chunk) => {
            // The tail of stderr says why a process failed.
            stderr = (stderr + chunk.toString('utf8')).slice(-65536);
            lines?.err(chunk);
        });
        const ended = (exitCode, signal) => finish({ wallMs: Number((exitAt ?? process.hrtime.bigint()) - start) / 1e6, exitCode, signal });
        // The clock stops at exit. The pipes close when every process holding them has exited; one that outlives
        // the child (a daemon, a sleeping grandchild) is ended after the grace, with the rest of the group (tree.ts).
        child.on('exit', (exitCode, signal) => {
            exitAt = process.hrtime.bigint();
            // It ended in time: a timeout now would call it timed out, and kill a tree by a PID that is gone.
            clearTimeout(timer);
            grace = setTimeout(() => {
                if (child.pid !== undefined)
                    endStragglers(child.pid);
                ended(exitCode, signal);
            }, PIPE_GRACE_MS);
        });
        child.on('close', ended);
        child.on('error', error => finish({ wallMs: 0, exitCode: null, signal: null, spawnError: error.message }));
    });
}
function lineSplitter(onLine) {
    const stream = () => {
        let partial = '';
        return (chunk) => {
            const lines = (partial + chunk.toString('utf8')).split(/\r?\n/);
            partial = lines.pop() ?? '';
            for (const line of lines)
                if (line.trim())
                    onLine(line);
        };
    };
    return { out: stream(), err: stream() };
}
/** Why a run failed, in one line, or null when it succeeded. */
function failureReason(run, timeoutMs) {
    if (run.spawnError)
        return `could not start: ${run.spawnError}`;
    if (run.timedOut)
        return `timed out after ${Math.round(timeoutMs / 1000)} s`;
    if (run.exitCode === 0)
        return null;
    const lastLine = run.stderr.trim().split(/\r?\n/).filter(Boolean).pop() ?? '';
    const status = run.signal ? `killed by ${run.signal}` : `exit code ${run.exitCode}`;
    return lastLine ? `${status}: ${lastLine.slice(0, 300)}` : status;
}
/** The program that does nothing, built by the launcher crate into the launcher's folder (`fn main() {}`). */
const EMPTY_PROCESS_BIN = 'wasm-ffi-bench-empty';
/**
 * The argv of a process that does nothing, to measure the harness's own spawn cost. POSIX: `true`, a C program
 * with no runtime to start, on every runner even without the launcher. Windows has no such program (cmd.exe
 * starts a shell), so it is the launcher crate's empty binary; without a launcher, cmd.exe is all there is.
 */
function emptyProcessArgv(platform, launcher, env) {
    if (platform !== 'win32')
        return ['true'];
    if (launcher)
        return [path.win32.join(path.win32.dirname(launcher), exeName(EMPTY_PROCESS_BIN, platform))];
    return [envValue(env, 'ComSpec', platform) ?? 'cmd.exe', '/d', '/c', 'rem'];
}

// Child processes for the build: always an argument array (never a shell), always a timeout.
async function exec(file, args, options) {
    const run = await timedRun([file, ...args], options);
    const stdout = run.stdout.toString('utf8');
    return {
        ok: run.exitCode === 0 && !run.timedOut && !run.spawnError,
        code: run.exitCode,
        stdout,
        stderr: run.stderr,
        timedOut: run.timedOut,
        spawnError: run.spawnError
    };
}
/** Why a command failed, in one message with the tail of its output. */
function describeFailure(what, result, timeoutMs) {
    if (result.spawnError)
        return `${what}: could not start: ${result.spawnError}`;
    if (result.timedOut)
        return `${what}: timed out after ${Math.round(timeoutMs / 1000)} s`;
    const output = (result.stderr.trim() || result.stdout.trim()).split(/\r?\n/).slice(-15).join('\n');
    return `${what}: exit code ${result.code}${output ? `\n${output}` : ''}`;
}
/** The full path of a command found on PATH (with PATHEXT on Windows), or null. */
function findOnPath(command, env, platform = process.platform) {
    const separators = platform === 'win32' ? /[\\/]/ : /\//;
    if (separators.test(command))
        return isFile$1(command) ? command : null;
    return pathCandidates(command, env, platform).find(isFile$1) ?? null;
}
/**
 * The files findOnPath tries, in order. Windows: the PATH variable under any spelling (`Path`), each folder with
 * the command plus each PATHEXT extension that can be started without a shell (.exe, .com: Node refuses .bat and
 * .cmd then), and the name as given only when it already ends in one: a file `go` beside `go.exe` is no program.
 */
function pathCandidates(command, env, platform) {
    const win = platform === 'win32';
    const p = pathOf(platform);
    const dirs = (envValue(env, 'PATH', platform) ?? '').split(win ? ';' : ':');
    const names = win ? windowsNames(command, envValue(env, 'PATHEXT', platform)) : [command];
    return dirs
        .map(dir => (win ? dir.replace(/^"(.*)"$/, '$1') : dir))
        .filter(Boolean)
        .flatMap(dir => names.map(name => p.join(dir, name)));
}
const STARTABLE = ['.EXE', '.COM'];
function windowsNames(command, pathext) {
    const exts = (pathext || '.COM;.EXE;.BAT;.CMD')
        .split(';')
        .map(ext => ext.trim().toUpperCase())
        .filter(ext => STARTABLE.includes(ext));
    if (exts.includes(path.win32.extname(command).toUpperCase()))
        return [command];
    return exts.map(ext => command + ext.toLowerCase());
}
function isFile$1(p) {
    try {
        return existsSync(p) && statSync(p).isFile();
    }
    catch {
        return false;
    }
}

// A Rust compiler that can build the guest: any rustc with a wasm32-wasip1 or wasm32-wasi standard library.
const PROBE_TIMEOUT$4 = MINUTE;
const RUSTUP_TIMEOUT = 3 * MINUTE;
/** rustc candidates: $RUSTC, rustc on PATH, then the distribution's /usr/bin/rustc. */
function rustcCandidates(ctx) {
    const list = [];
    const rustc = envValue(ctx.env, 'RUSTC', ctx.platform);
    if (rustc)
        list.push(rustc);
    const onPath = findOnPath('rustc', ctx.env, ctx.platform);
    if (onPath)
        list.push(onPath);
    if (ctx.platform !== 'win32')
        list.push('/usr/bin/rustc');
    return [...new Set(list)].filter(p => existsSync(p));
}
async function findWasmRustc(ctx, candidates = rustcCandidates(ctx)) {
    // First any rustc that has the target already: no network, no waiting.
    for (const rustc of candidates) {
        const found = await probe$1(rustc, ctx);
        if (found)
            return found;
    }
    // Then ask rustup for the target (on GitHub runners this downloads it).
    const rustup = findOnPath('rustup', ctx.env, ctx.platform);
    const tried = candidates.map(c => `${c} (no ${rustWasmTargets().join('/')} std)`);
    if (rustup) {
        ctx.log('rust: rustup target add wasm32-wasip1');
        const added = await exec(rustup, ['target', 'add', 'wasm32-wasip1'], { env: ctx.env, timeoutMs: RUSTUP_TIMEOUT });
        if (added.ok) {
            const rustc = findOnPath('rustc', ctx.env, ctx.platform);
            const found = rustc ? await probe$1(rustc, ctx) : null;
            if (found)
                return found;
        }
        const why = added.timedOut ? 'timed out' : (added.spawnError ?? (added.stderr.trim().split(/\r?\n/).pop() || `exit code ${added.code}`));
        tried.push(`rustup target add wasm32-wasip1 (${why})`);
    }
    throw new Error(`guest: no Rust compiler with a wasm32-wasip1 or wasm32-wasi standard library was found` +
        (tried.length ? ` (tried: ${tried.join('; ')})` : ' (no rustc on PATH)') +
        `. Fix it with \`rustup target add wasm32-wasip1\` (needs network access), or install a rustc that ships the ` +
        `target, e.g. Debian/Ubuntu: \`apt-get install rustc libstd-rust-dev-wasm32\`; or pass a prebuilt module with --wasm.`);
}
async function probe$1(rustc, ctx) {
    const sysroot = await exec(rustc, ['--print', 'sysroot'], { env: ctx.env, timeoutMs: PROBE_TIMEOUT$4 });
    if (!sysroot.ok)
        return null;
    const root = sysroot.stdout.trim();
    const target = rustWasmTargets().find(t => existsSync(path.join(root, 'lib', 'rustlib', t, 'lib')));
    if (!target)
        return null;
    const version = await exec(rustc, ['--version'], { env: ctx.env, timeoutMs: PROBE_TIMEOUT$4 });
    if (!version.ok)
        return null;
    const sibling = path.join(path.dirname(rustc), exeName('cargo', ctx.platform));
    const cargo = existsSync(sibling) ? sibling : findOnPath('cargo', ctx.env, ctx.platform);
    return { rustc, target, version: version.stdout.trim(), cargo };
}

// Content hashes that key the build cache: file names and bytes, never timestamps.
/** Folders that hold build output or local state, never sources. */
const SKIP_DIRS = new Set(['target', 'node_modules', '__pycache__', '.venv', 'venv', 'dist', 'build']);
/** Every source file under `dir` (relative paths with `/`, sorted), without build output and hidden files. */
function sourceFiles(dir) {
    const files = [];
    const walk = (rel) => {
        const entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
        for (const entry of entries) {
            if (entry.name.startsWith('.'))
                continue;
            const child = rel ? `${rel}/${entry.name}` : entry.name;
            if (entry.isDirectory()) {
                if (!SKIP_DIRS.has(entry.name))
                    walk(child);
            }
            else if (entry.isFile() && !entry.name.endsWith('.pyc')) {
                files.push(child);
            }
        }
    };
    walk('');
    return files.sort();
}
/** sha256 (hex) of the files under `dir` plus extra strings (toolchain versions, targets). */
function hashTree(dir, extra = []) {
    const hash = createHash('sha256');
    for (const file of sourceFiles(dir)) {
        hash.update(`file\0${file}\0`);
        hash.update(readFileSync(path.join(dir, file)));
        hash.update('\0');
    }
    for (const item of extra)
        hash.update(`extra\0${item}\0`);
    return hash.digest('hex');
}
function sha256(data) {
    return createHash('sha256').update(data).digest('hex');
}

// Checks a WebAssembly module before any host sees it, so that a bad file fails with a clear message.
const MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);
/** Compiles the module (V8 validates it) and returns its exports; throws "<label>: ..." messages. */
async function inspectWasm(file, label = 'wasm') {
    let bytes;
    try {
        bytes = await readFile(file);
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT')
            throw new Error(`${label}: file not found: ${file}`);
        if (code === 'EISDIR')
            throw new Error(`${label}: ${file} is a directory, not a .wasm file`);
        throw new Error(`${label}: cannot read ${file}: ${error.message}`);
    }
    if (bytes.length < 8 || !bytes.subarray(0, 4).equals(MAGIC))
        throw new Error(`${label}: ${file} is not a WebAssembly module`);
    let module;
    try {
        module = await WebAssembly.compile(new Uint8Array(bytes));
    }
    catch (error) {
        throw new Error(`${label}: ${file} is not a WebAssembly module (${error.message})`);
    }
    return WebAssembly.Module.exports(module);
}
/** A WASI command module: valid, with a `_start` function export. */
async function validateWorkload(file, label = 'wasm') {
    const exports = await inspectWasm(file, label);
    if (!exports.some(e => e.name === '_start' && e.kind === 'function')) {
        throw new Error(`${label}: ${file} has no _start export (it must be a WASI command module)`);
    }
}

// The guest modules: the bundled crate, a user's crate (`guest`) or a prebuilt command module (`wasm`).
// Built modules are cached under <cacheRoot>/guest/<hash>/, keyed by the sources, the rustc and the target.
const COMPILE_TIMEOUT = 15 * MINUTE;
/** As `cargo build --release` does since Rust 1.77: optimised, without the standard library's debug info. */
const RUSTC_FLAGS = ['-C', 'opt-level=3', '-C', 'strip=debuginfo'];
async function buildGuest(ctx, options) {
    if (options.wasm) {
        const wasm = path.resolve(options.wasm);
        await validateWorkload(wasm, 'wasm');
        return { workload: wasm, ffi: null };
    }
    const bundled = options.guest === null;
    const dir = path.resolve(options.guest ?? path.join(ctx.repoRoot, 'guest'));
    if (!existsSync(path.join(dir, 'Cargo.toml')))
        throw new Error(`guest: ${dir} is not a Rust crate (no Cargo.toml)`);
    const rustc = await findWasmRustc(ctx);
    const key = hashTree(dir, [rustc.version, rustc.target, bundled ? `bundled ${RUSTC_FLAGS.join(' ')}` : 'cargo']).slice(0, 16);
    const outDir = path.join(ctx.cacheRoot, 'guest', key);
    const modules = { workload: path.join(outDir, 'workload.wasm'), ffi: path.join(outDir, 'ffi.wasm') };
    if (existsSync(path.join(outDir, 'built.json'))) {
        ctx.log(`guest: cached ${outDir}`);
    }
    else {
        ctx.log(`guest: building ${dir} with ${rustc.version} (${rustc.target})`);
        const tmp = `${outDir}.tmp-${process.pid}`;
        rmSync(tmp, { recursive: true, force: true });
        mkdirSync(tmp, { recursive: true });
        try {
            if (bundled)
                await compileBundled(ctx, rustc, dir, tmp);
            else
                await cargoBuild(ctx, rustc, dir, tmp);
            writeFileSync(path.join(tmp, 'built.json'), `${JSON.stringify({ source: dir, rustc: rustc.version, target: rustc.target, key }, null, 2)}\n`);
            rmSync(outDir, { recursive: true, force: true });
            renameSync(tmp, outDir);
        }
        finally {
            rmSync(tmp, { recursive: true, force: true });
        }
    }
    await validateWorkload(modules.workload, 'guest');
    const hasFfi = existsSync(modules.ffi);
    if (hasFfi)
        await inspectWasm(modules.ffi, 'guest');
    const toolchains = { 'guest rustc': `${rustc.version.replace(/^rustc /, '')} (${rustc.target})` };
    return { workload: modules.workload, ffi: hasFfi ? modules.ffi : null, toolchains };
}
/** The bundled crate has no dependencies: rustc compiles it directly, with any rustc that has the target. */
async function compileBundled(ctx, rustc, dir, out) {
    const units = [
        ['bin', 'workload', path.join(dir, 'src', 'bin', 'workload.rs')],
        ['cdylib', 'ffi', path.join(dir, 'src', 'ffi.rs')]
    ];
    for (const [crateType, name, source] of units) {
        const args = [
            '--edition',
            '2021',
            '--target',
            rustc.target,
            ...RUSTC_FLAGS,
            '--crate-type',
            crateType,
            '--crate-name',
            name,
            source,
            '-o',
            path.join(out, `${name}.wasm`)
        ];
        const result = await exec(rustc.rustc, args, { cwd: out, env: ctx.env, timeoutMs: COMPILE_TIMEOUT });
        if (!result.ok)
            throw new Error(describeFailure(`guest: rustc ${name}`, result, COMPILE_TIMEOUT));
    }
}
/** A user's crate: cargo build --release for the wasm target; the bin `workload` (or the only bin) and `ffi`. */
async function cargoBuild(ctx, rustc, dir, out) {
    if (!rustc.cargo)
        throw new Error(`guest: cargo not found (next to ${rustc.rustc} or on PATH) to build ${dir}`);
    const env = { ...ctx.env, RUSTC: rustc.rustc };
    const manifest = path.join(dir, 'Cargo.toml');
    const meta = await exec(rustc.cargo, ['metadata', '--no-deps', '--format-version', '1', '--manifest-path', manifest], {
        cwd: dir,
        env,
        timeoutMs: 5 * MINUTE
    });
    if (!meta.ok)
        throw new Error(describeFailure('guest: cargo metadata', meta, 5 * MINUTE));
    const targets = JSON.parse(meta.stdout).packages.flatMap(p => p.targets);
    const bins = targets.filter(t => t.kind.includes('bin')).map(t => t.name);
    const bin = bins.includes('workload') ? 'workload' : bins.length === 1 ? bins[0] : null;
    if (!bin) {
        throw new Error(`guest: ${dir} must have a bin target named "workload" or exactly one bin (found: ${bins.join(', ') || 'none'})`);
    }
    const ffi = targets.find(t => t.name === 'ffi' && t.kind.includes('cdylib'));
    const targetDir = path.join(ctx.cacheRoot, 'guest-target');
    const args = ['build', '--release', '--target', rustc.target, '--manifest-path', manifest, '--target-dir', targetDir];
    const built = await exec(rustc.cargo, args, {
        cwd: dir,
        env,
        timeoutMs: COMPILE_TIMEOUT,
        onLine: line => {
            if (/^\s*(Compiling|error)/.test(line))
                ctx.log(`guest: ${line.trim()}`);
        }
    });
    if (!built.ok)
        throw new Error(describeFailure(`guest: cargo build of ${dir}`, built, COMPILE_TIMEOUT));
    const release = path.join(targetDir, rustc.target, 'release');
    copyFileSync(path.join(release, `${bin}.wasm`), path.join(out, 'workload.wasm'));
    if (ffi)
        copyFileSync(path.join(release, 'ffi.wasm'), path.join(out, 'ffi.wasm'));
}

// Go for the go host, as actions/setup-go sets it up: the runner's tool cache (go/<version>/<arch>) first, else
// Go's release list and archive from `go-download-base-url`, checked against the sha256 the list gives and
// cached in the tool cache. The host's processes get it first on PATH, with GOROOT and GOTOOLCHAIN=local so that
// the go command neither uses another Go's library nor switches to a toolchain of its own choosing.
async function setupGo(request, ctx) {
    if (request.version === FROM_PATH)
        return null;
    let dir = await findCached('go', request.version, ctx.arch, 'go-version');
    let origin = 'tool cache';
    if (!dir)
        ({ dir, origin } = await downloadGo(request, ctx));
    const version = path.basename(path.dirname(dir));
    const executable = path.join(dir, 'bin', exeName('go', ctx.platform));
    const env = { ...prependList(ctx.env, 'PATH', [path.dirname(executable)], ctx.platform), GOROOT: dir, GOTOOLCHAIN: 'local' };
    const result = await exec(executable, ['version'], { env: { ...ctx.env, ...env }, timeoutMs: MINUTE });
    const reported = goVersionOf(result.stdout);
    if (!result.ok || !reported || goSemver(reported) !== version) {
        throw new ToolchainError('Go', version, `${executable} reports "${result.stdout.trim() || result.stderr.trim()}", expected go${version}`);
    }
    ctx.log(`go: Go ${version} from ${origin}`);
    return { version, dir, executable, env, origin };
}
async function downloadGo(request, ctx) {
    const listUrl = `${request.source}/?mode=json&include=all`;
    const releases = parseGoReleases(await downloadJson(listUrl, m => new ToolchainError('Go', request.version, m)));
    const pick = await pickGoRelease(releases, request.version, ctx.platform, ctx.arch);
    if (!pick) {
        throw new ToolchainError('Go', request.version, `${listUrl} lists no release that matches with an archive for ${ctx.platform}-${ctx.arch}`);
    }
    const fail = (message) => new ToolchainError('Go', pick.semver, message);
    const url = `${request.source}/${pick.file.filename}`;
    ctx.log(`go: downloading ${url}`);
    const archive = await download(url, pick.file.filename, fail);
    const sha256 = await sha256File(archive);
    if (sha256 !== pick.file.sha256.toLowerCase()) {
        throw fail(`${pick.file.filename} has sha256 ${sha256}, but the release list gives ${pick.file.sha256}; not installed`);
    }
    const root = path.join(await extract(archive, pick.file.filename, fail), 'go');
    if (!existsSync(root))
        throw fail(`${pick.file.filename} has no go/ folder`);
    const tc = await toolCache();
    return { dir: await tc.cacheDir(root, 'go', pick.semver, ctx.arch), origin: url };
}
/** The releases of the list that have the fields we use; anything else in it is ignored. */
function parseGoReleases(value) {
    if (!Array.isArray(value))
        return [];
    const isFile = (f) => !!f && typeof f.filename === 'string' && /^[0-9a-fA-F]{64}$/.test(String(f.sha256));
    return value
        .filter((r) => !!r && typeof r.version === 'string' && Array.isArray(r.files))
        .map(r => ({ version: r.version, files: r.files.filter(isFile) }));
}
/** The newest release that satisfies `spec` and has this platform's archive (tool-cache's semver matching). */
async function pickGoRelease(releases, spec, platform, arch) {
    const candidates = new Map();
    for (const release of releases) {
        const semver = goSemver(release.version);
        const name = goArchiveName(release.version.replace(/^go/, ''), platform, arch);
        const file = release.files.find(f => f.filename === name);
        if (semver && file && !candidates.has(semver))
            candidates.set(semver, file);
    }
    const tc = await toolCache();
    const semver = tc.evaluateVersions([...candidates.keys()], spec);
    return semver ? { semver, file: candidates.get(semver) } : null;
}

// Python for the python host, as actions/setup-python sets it up: the runner's tool cache
// (Python/<version>/<arch>) first, else the actions/python-versions manifest from `python-mirror`, the build it
// lists for this OS, version and arch, installed into the tool cache by the archive's own setup script. The
// manifest carries no checksum (setup-python checks none): the build is taken as installed when the script wrote
// the tool cache's completion marker and the interpreter reports exactly the version the manifest named.
const SETUP_TIMEOUT = 15 * MINUTE;
async function setupPython(request, ctx) {
    if (request.version === FROM_PATH)
        return null;
    const arch = pythonArch(ctx.arch);
    let dir = await findCached('Python', request.version, arch, 'python-version');
    let origin = 'tool cache';
    if (!dir)
        ({ dir, origin } = await installPython(request, arch, ctx));
    const version = path.basename(path.dirname(dir));
    const layout = pythonLayout(dir, ctx.platform);
    const env = {
        ...prependList(ctx.env, 'PATH', layout.pathDirs, ctx.platform),
        ...(layout.libDir ? prependList(ctx.env, 'LD_LIBRARY_PATH', [layout.libDir], ctx.platform) : {})
    };
    const probe = 'import platform; print(platform.python_version())';
    const result = await exec(layout.executable, ['-c', probe], { env: { ...ctx.env, ...env }, timeoutMs: MINUTE });
    if (!result.ok || result.stdout.trim() !== version) {
        const reported = result.ok ? `Python ${result.stdout.trim()}` : describeFailure(layout.executable, result, MINUTE);
        throw new ToolchainError('Python', version, `${layout.executable} reports ${reported}, expected ${version}`);
    }
    ctx.log(`python: Python ${version} from ${origin}`);
    return { version, dir, executable: layout.executable, env, origin };
}
async function installPython(request, arch, ctx) {
    const manifestUrl = `${request.source}/versions-manifest.json`;
    const manifest = parseManifest(await downloadJson(manifestUrl, m => new ToolchainError('Python', request.version, m)));
    const tc = await toolCache();
    const release = await tc.findFromManifest(request.version, false, manifest, arch);
    const file = release?.files[0];
    if (!release || !file) {
        throw new ToolchainError('Python', request.version, `${manifestUrl} lists no build for ${ctx.platform} ${arch} on this OS version`);
    }
    const fail = (message) => new ToolchainError('Python', release.version, message);
    ctx.log(`python: downloading ${file.download_url}`);
    const archive = await download(file.download_url, file.filename, fail);
    const extracted = await extract(archive, file.filename, fail);
    await runSetupScript(extracted, file.filename, ctx, fail);
    const dir = tc.find('Python', release.version, arch);
    if (!dir)
        throw fail(`the setup script of ${file.filename} did not install Python/${release.version}/${arch} into the tool cache`);
    return { dir, origin: file.download_url };
}
/** python-versions archives install themselves: setup.sh (setup.ps1 on Windows) copies the build into the tool cache. */
async function runSetupScript(extracted, fileName, ctx, fail) {
    const script = pythonSetupScript(ctx.platform);
    if (!existsSync(path.join(extracted, script.file)))
        throw fail(`${fileName} has no ${script.file}: not a python-versions archive`);
    const env = { ...ctx.env, RUNNER_TOOL_CACHE: process.env.RUNNER_TOOL_CACHE };
    // The script prefers AGENT_TOOLSDIRECTORY; the tool cache that is searched afterwards is RUNNER_TOOL_CACHE.
    delete env.AGENT_TOOLSDIRECTORY;
    if (ctx.platform === 'linux')
        Object.assign(env, prependList(ctx.env, 'LD_LIBRARY_PATH', [path.join(extracted, 'lib')], ctx.platform));
    ctx.log(`python: running ${script.file} of ${fileName}`);
    const result = await exec(script.argv[0], script.argv.slice(1), { cwd: extracted, env, timeoutMs: SETUP_TIMEOUT });
    if (!result.ok)
        throw fail(describeFailure(`${script.file} of ${fileName}`, result, SETUP_TIMEOUT));
}
/** The manifest's releases that have the fields tool-cache matches on; anything else in it is ignored. */
function parseManifest(value) {
    if (!Array.isArray(value))
        return [];
    const text = (v) => typeof v === 'string';
    return value
        .filter(r => r && text(r.version) && Array.isArray(r.files))
        .map(r => ({
        version: r.version,
        stable: r.stable !== false,
        release_url: text(r.release_url) ? r.release_url : '',
        files: r.files.filter((f) => !!f && ['filename', 'platform', 'arch', 'download_url'].every(k => text(f[k])))
    }));
}

// How the python host runs its virtual environment. POSIX: the venv's bin/python, a symbolic link to the
// interpreter. Windows: Scripts\python.exe is a redirector (CPython's PC/venvlauncher.c) that reads pyvenv.cfg and
// starts the interpreter named by `home` as a child process, so a timed run would include a second process start
// and the launcher's CPU times would cover only the redirector. There the interpreter of `home` runs the host
// itself, with the venv's site-packages on PYTHONPATH.
function venvRun(venvDir, platform, env) {
    if (platform !== 'win32')
        return { python: venvPython(venvDir, platform), env: {} };
    const cfg = path.join(venvDir, 'pyvenv.cfg');
    const home = pyvenvHome(readFileSync(cfg, 'utf8'));
    if (!home)
        throw new Error(`${cfg} names no home (the folder of the interpreter that made the venv)`);
    return {
        python: path.join(home, 'python.exe'),
        // Where pip installed the packages (Lib\site-packages on Windows).
        env: prependList(env, 'PYTHONPATH', [path.join(venvDir, 'Lib', 'site-packages')], platform)
    };
}
/** The `home` key of a pyvenv.cfg (`key = value` lines), or null. */
function pyvenvHome(text) {
    for (const line of text.split(/\r?\n/)) {
        const match = /^\s*home\s*=\s*(.*?)\s*$/i.exec(line);
        if (match?.[1])
            return match[1];
    }
    return null;
}

// Downloads (with @actions/tool-cache, as the setup actions do) that are used only when their sha256 matches a
// pinned value: a release asset replaced upstream or altered on the way is refused, never run.
/**
 * Downloads `url` into the runner's temp folder as `fileName` and returns the file, or throws when its sha256 is
 * not `sha256`. The name keeps the extension: on Windows, tool-cache's extractZip falls back to Expand-Archive,
 * which takes nothing but .zip files.
 */
async function downloadVerified(url, sha256, fileName) {
    const file = await download(url, fileName, message => new Error(`${fileName}: ${message}`));
    const actual = await sha256File(file);
    if (actual !== sha256.toLowerCase()) {
        rmSync(file, { force: true });
        try {
            rmdirSync(path.dirname(file));
        }
        catch {
            // not empty, or not ours to remove
        }
        throw new Error(`${fileName}: sha256 ${actual} does not match the pinned ${sha256}; the download is not used`);
    }
    return file;
}

// The wasmtime CLI of the pinned version (the `native` host): from the local cache, the official release
// asset on GitHub runners (used only when its sha256 matches the pinned one), or `cargo install` of that version.
/** Written next to bin/ when the binary is the release asset (cargo install leaves its own .crates2.json). */
const RELEASE_MARKER = 'release.json';
/** `cargo install` features: what `wasmtime run` needs, without the rest (keep in sync with the cache). */
const CLI_FEATURES = 'run,cranelift,cache,parallel-compilation,pooling-allocator,wat,component-model';
function cargoInstallArgs(root, cacheRoot, version = WASMTIME_VERSION) {
    return [
        'install',
        'wasmtime-cli',
        '--version',
        `=${version}`,
        '--locked',
        '--no-default-features',
        '--features',
        CLI_FEATURES,
        '--root',
        root,
        '--target-dir',
        path.join(cacheRoot, 'cargo-target')
    ];
}
async function ensureWasmtimeCli(ctx, version = WASMTIME_VERSION) {
    const root = wasmtimeCliDir(ctx.cacheRoot, ctx.platform, ctx.arch, version);
    const local = path.join(root, 'bin', exeName('wasmtime', ctx.platform));
    if (existsSync(local)) {
        const found = await cliVersion(local, ctx);
        if (found === version)
            return { path: local, version, build: describeCliBuild(root) };
        ctx.log(`wasmtime CLI: ${local} reports ${found ?? 'no version'}, not ${version}; installing again`);
    }
    let downloadError = null;
    if (envValue(ctx.env, 'GITHUB_ACTIONS', ctx.platform) === 'true') {
        try {
            await downloadRelease(ctx, version, local);
            return await verified(root, version, ctx);
        }
        catch (error) {
            downloadError = error.message;
            ctx.log(`wasmtime CLI: release download failed (${downloadError}); falling back to cargo install`);
        }
    }
    rmSync(path.join(root, RELEASE_MARKER), { force: true });
    await cargoInstall(ctx, root, version, downloadError);
    return await verified(root, version, ctx);
}
async function verified(root, version, ctx) {
    const cli = path.join(root, 'bin', exeName('wasmtime', ctx.platform));
    const found = await cliVersion(cli, ctx);
    if (found !== version)
        throw new Error(`wasmtime CLI: ${cli} reports version ${found ?? '(none)'}, expected ${version}`);
    return { path: cli, version, build: describeCliBuild(root) };
}
/** How the CLI under `root` was made, from what the release download or `cargo install --root` left there. */
function describeCliBuild(root) {
    const read = (file) => {
        try {
            return JSON.parse(readFileSync(path.join(root, file), 'utf8'));
        }
        catch {
            return null;
        }
    };
    const release = read(RELEASE_MARKER);
    if (typeof release?.asset === 'string')
        return `release asset ${release.asset}`;
    const installs = read('.crates2.json')?.installs ?? {};
    const entry = Object.entries(installs).find(([crate]) => crate.startsWith('wasmtime-cli '))?.[1];
    if (!entry)
        return 'unknown (not installed by wasm-ffi-bench)';
    const features = entry.no_default_features ? `features ${(entry.features ?? []).join(',')} only` : 'default features';
    const rustc = (entry.rustc ?? '').split(/\r?\n/)[0] || 'rustc unknown';
    return `cargo install, ${features}, ${rustc}`;
}
/** "wasmtime 39.0.1 (abc 2025-01-01)" -> "39.0.1" */
function parseWasmtimeVersion(output) {
    return /wasmtime(?:-cli)? (\d+\.\d+\.\d+\S*)/.exec(output)?.[1] ?? null;
}
async function cliVersion(cli, ctx) {
    const result = await exec(cli, ['--version'], { env: ctx.env, timeoutMs: MINUTE });
    return result.ok ? parseWasmtimeVersion(result.stdout) : null;
}
async function downloadRelease(ctx, version, target) {
    const asset = wasmtimeAsset(version, ctx.platform, ctx.arch);
    if (!asset)
        throw new Error(`no release asset for ${ctx.platform}-${ctx.arch}`);
    const tc = await import('./tool-cache.js');
    let toolDir = tc.find('wasmtime', version, ctx.arch);
    if (!toolDir) {
        const sha256 = WASMTIME_ASSET_SHA256[asset.name];
        if (!sha256)
            throw new Error(`no pinned sha256 for ${asset.name} in src/versions.ts`);
        ctx.log(`wasmtime CLI: downloading ${asset.url}`);
        const archive = await downloadVerified(asset.url, sha256, asset.name);
        const extracted = asset.archive === 'zip' ? await tc.extractZip(archive) : await tc.extractTar(archive, undefined, ['xJ']);
        toolDir = await tc.cacheDir(path.join(extracted, asset.dir), 'wasmtime', version, ctx.arch);
    }
    const binary = path.join(toolDir, exeName('wasmtime', ctx.platform));
    if (!existsSync(binary))
        throw new Error(`${asset.name} has no ${exeName('wasmtime', ctx.platform)}`);
    // A copy in the cache root, so that @actions/cache persists it with the built hosts.
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(binary, target);
    if (ctx.platform !== 'win32')
        chmodSync(target, 0o755);
    writeFileSync(path.join(path.dirname(path.dirname(target)), RELEASE_MARKER), `${JSON.stringify({ asset: asset.name, url: asset.url })}\n`);
}
async function cargoInstall(ctx, root, version, downloadError) {
    const cargo = findOnPath('cargo', ctx.env, ctx.platform);
    if (!cargo) {
        const why = downloadError ? `the release download failed (${downloadError}) and ` : '';
        throw new Error(`wasmtime CLI: ${why}cargo is not on PATH to build it (install Rust with rustup, or put wasmtime ${version} at ${path.join(root, 'bin')})`);
    }
    const args = cargoInstallArgs(root, ctx.cacheRoot, version);
    ctx.log(`wasmtime CLI: cargo ${args.join(' ')} (this takes several minutes, once)`);
    const timeoutMs = 90 * MINUTE;
    const result = await exec(cargo, args, {
        env: ctx.env,
        timeoutMs,
        onLine: line => {
            if (/^\s*(Installing|Installed|error)/.test(line))
                ctx.log(line.trim());
        }
    });
    if (!result.ok)
        throw new Error(describeFailure('wasmtime CLI: cargo install wasmtime-cli', result, timeoutMs));
}

// The hosts: ONE entry each, with its folder, runtime, toolchain, build step and command line.
// src/builders/hosts.ts turns an entry into a RunnableHost (cache, version probe, failures).
const BUILD_TIMEOUT$1 = 30 * MINUTE;
const PROBE_TIMEOUT$3 = MINUTE;
async function run(what, file, args, ctx, options = {}) {
    const timeoutMs = options.timeoutMs ?? BUILD_TIMEOUT$1;
    const result = await exec(file, args, { cwd: options.cwd, env: options.env ?? ctx.env, timeoutMs });
    if (!result.ok)
        throw new Error(describeFailure(what, result, timeoutMs) + (options.hint ? `\n(${options.hint})` : ''));
    return result.stdout.trim();
}
function required(command, ctx, missing) {
    const found = findOnPath(command, ctx.env, ctx.platform);
    if (!found)
        throw new Error(`toolchain not found on PATH (${missing})`);
    return found;
}
const native = {
    name: 'native',
    folder: 'hosts/native',
    runtime: 'wasmtime-cli',
    reportsPhases: false,
    ffi: false,
    async toolchain(ctx) {
        const cli = await ensureWasmtimeCli(ctx);
        return { versions: { 'wasmtime-cli': cli.version, 'wasmtime-cli build': cli.build }, tools: { wasmtime: cli.path }, env: {} };
    },
    command: (_ctx, tc) => [tc.tools.wasmtime],
    versionArgv: command => [...command, '--version'],
    parseVersion: stdout => {
        const version = parseWasmtimeVersion(stdout);
        return version ? { runtime: 'wasmtime-cli', version } : null;
    },
    // The compilation cache is on by default in the CLI; every host runs without it.
    workloadArgv: (command, wasm, _report, guestArgs) => [...command, 'run', '-C', 'cache=n', wasm, ...guestArgs]
};
const go = {
    name: 'go',
    folder: 'hosts/go',
    runtime: 'wasmtime-go',
    reportsPhases: true,
    ffi: true,
    async toolchain(ctx) {
        const setUp = await setupGo(ctx.toolchains.go, ctx);
        const env = setUp?.env ?? {};
        const hostCtx = { ...ctx, env: { ...ctx.env, ...env } };
        const goBin = setUp?.executable ?? required('go', ctx, 'set up Go, e.g. actions/setup-go');
        const cgo = cgoEnv(ctx.platform);
        if (cgo.compiler && !findOnPath(cgo.compiler, hostCtx.env, ctx.platform)) {
            throw new Error(`C compiler ${cgo.compiler} not found on PATH: ${cgo.hint}`);
        }
        const stdout = await run('go version', goBin, ['version'], hostCtx, { timeoutMs: PROBE_TIMEOUT$3 });
        const version = goSemver(goVersionOf(stdout) ?? '') ?? stdout;
        return { versions: { go: version }, tools: { go: goBin }, env };
    },
    async build(ctx, tc, outDir) {
        const cgo = cgoEnv(ctx.platform);
        const out = path.join(outDir, exeName('host', ctx.platform));
        ctx.log('go: go build (cgo, wasmtime-go)');
        await run('go build', tc.tools.go, ['build', '-trimpath', '-o', out, '.'], ctx, {
            cwd: path.join(ctx.repoRoot, this.folder),
            env: { ...ctx.env, ...cgo.env },
            hint: cgo.hint
        });
    },
    command: (ctx, _tc, outDir) => [path.join(outDir, exeName('host', ctx.platform))]
};
/** Asks a Python on PATH whether it can run the host, and its version. */
const PYTHON_PROBE = 'import sys; print(sys.version_info >= (3, 9)); print(sys.version.split()[0])';
/** The version PYTHON_PROBE printed when the Python is new enough, else null. */
function parsePythonProbe(stdout) {
    const [ok, version] = stdout.trim().split(/\r?\n/);
    return ok === 'True' && version ? version : null;
}
const python = {
    name: 'python',
    folder: 'hosts/python',
    runtime: 'wasmtime-py',
    reportsPhases: true,
    ffi: true,
    async toolchain(ctx) {
        const setUp = await setupPython(ctx.toolchains.python, ctx);
        if (setUp)
            return { versions: { python: setUp.version }, tools: { python: setUp.executable }, env: setUp.env };
        for (const candidate of pythonCandidates(ctx.platform)) {
            const found = findOnPath(candidate, ctx.env, ctx.platform);
            if (!found)
                continue;
            const result = await exec(found, ['-c', PYTHON_PROBE], { env: ctx.env, timeoutMs: PROBE_TIMEOUT$3 });
            const version = result.ok ? parsePythonProbe(result.stdout) : null;
            if (version)
                return { versions: { python: version }, tools: { python: found }, env: {} };
        }
        throw new Error(`toolchain not found on PATH (set up Python 3.9 or newer, e.g. actions/setup-python; tried ${pythonCandidates(ctx.platform).join(', ')})`);
    },
    async build(ctx, tc, outDir) {
        const venv = path.join(outDir, 'venv');
        ctx.log(`python: virtual environment with ${path.join(this.folder, 'requirements.txt')}`);
        await run('python -m venv', tc.tools.python, ['-m', 'venv', venv], ctx, { timeoutMs: 5 * MINUTE });
        const requirements = path.join(ctx.repoRoot, this.folder, 'requirements.txt');
        await run('pip install', venvPython(venv, ctx.platform), 
        // Every file pinned by its sha256, wheels only: nothing unpinned is fetched, no setup.py is run.
        ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--require-hashes', '--only-binary=:all:', '-r', requirements], ctx, {
            timeoutMs: 15 * MINUTE
        });
    },
    // Windows: the interpreter itself, not the venv's redirector (toolchains/venv.ts).
    command: (ctx, _tc, outDir) => [
        venvRun(path.join(outDir, 'venv'), ctx.platform, ctx.env).python,
        path.join(ctx.repoRoot, 'hosts', 'python', 'host.py')
    ],
    runEnv: (ctx, _tc, outDir) => venvRun(path.join(outDir, 'venv'), ctx.platform, ctx.env).env,
    // A fixed string-hash seed: with random ones, dict and set work varies from run to run.
    counted: { env: { PYTHONHASHSEED: '0' } }
};
const RUST_BIN = 'wasm-ffi-bench-rust-host';
const rust = {
    name: 'rust',
    folder: 'hosts/rust',
    runtime: 'wasmtime',
    reportsPhases: true,
    ffi: true,
    async toolchain(ctx) {
        const cargo = required('cargo', ctx, 'install Rust with rustup, e.g. dtolnay/rust-toolchain');
        const cargoVersion = await run('cargo --version', cargo, ['--version'], ctx, { timeoutMs: PROBE_TIMEOUT$3 });
        const rustc = findOnPath('rustc', ctx.env, ctx.platform);
        const rustcVersion = rustc ? await run('rustc --version', rustc, ['--version'], ctx, { timeoutMs: PROBE_TIMEOUT$3 }) : '';
        const versions = { cargo: cargoVersion.replace(/^cargo /, ''), rustc: rustcVersion.replace(/^rustc /, '') || 'not on PATH' };
        return { versions, tools: { cargo }, env: {} };
    },
    async build(ctx, tc, outDir) {
        const targetDir = path.join(ctx.cacheRoot, 'cargo-target');
        const manifest = path.join(ctx.repoRoot, this.folder, 'Cargo.toml');
        ctx.log('rust: cargo build --release (wasmtime crates; several minutes the first time)');
        await run('cargo build', tc.tools.cargo, ['build', '--release', '--locked', '--manifest-path', manifest, '--target-dir', targetDir], ctx, {
            cwd: path.join(ctx.repoRoot, this.folder),
            timeoutMs: 60 * MINUTE
        });
        const binary = path.join(targetDir, 'release', exeName(RUST_BIN, ctx.platform));
        if (!existsSync(binary))
            throw new Error(`cargo build succeeded but ${binary} is missing`);
        copyFileSync(binary, path.join(outDir, exeName(RUST_BIN, ctx.platform)));
    },
    command: (ctx, _tc, outDir) => [path.join(outDir, exeName(RUST_BIN, ctx.platform))]
};
const node = {
    name: 'node',
    folder: 'hosts/node',
    runtime: 'node:wasi',
    reportsPhases: true,
    ffi: true,
    // The action's own Node runs the host; the host reports its version as the runtime's (node:wasi).
    toolchain: async () => ({ versions: { v8: process.versions.v8 }, tools: { node: process.execPath }, env: {} }),
    command: (ctx, tc) => [tc.tools.node, path.join(ctx.repoRoot, 'hosts', 'node', 'host.mjs')],
    // V8's predictable mode: one thread, so tiering and GC do not depend on timing (the workload's count repeats to
    // 0.001%). Its per-call counts still moved by up to 60% between runs (whether V8 optimised a loop, a GC), so
    // they are not counted.
    counted: { flags: ['--predictable'], perCall: false }
};
const HOSTS = [native, go, python, rust, node];
const HOST_NAMES = HOSTS.map(host => host.name);
function hostSpec(name) {
    return HOSTS.find(host => host.name === name);
}
function isHostName(name) {
    return HOST_NAMES.includes(name);
}

const NOTE_OTHER_TOOLCHAINS = 'baseline measured with other toolchains';
/** "go 1.26.8, wasmtime-go 39.0.1" */
function formatToolchain(record) {
    return Object.entries(record)
        .map(([tool, version]) => `${tool} ${version}`)
        .join(', ');
}
/** A record as read from a results file: tool -> version, both strings, or null when it is anything else. */
function asRecord(value) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return null;
    const entries = Object.entries(value);
    return entries.every(([, v]) => typeof v === 'string') ? Object.fromEntries(entries) : null;
}
/** What differs from the baseline's toolchain, e.g. ["python 3.12.1 → 3.13.0"]; empty when nothing does (or nothing is known now). */
function toolchainChanges(current, baseline) {
    const now = asRecord(current);
    if (!now)
        return [];
    const then = asRecord(baseline);
    if (!then)
        return ['not recorded in the baseline'];
    const tools = [...new Set([...Object.keys(then), ...Object.keys(now)])].sort();
    return tools.filter(tool => now[tool] !== then[tool]).map(tool => `${tool} ${then[tool] ?? 'none'} → ${now[tool] ?? 'none'}`);
}
/** Per host measured on both sides whose toolchain changed since the baseline: the changes. */
function toolchainDifferences(current, baseline) {
    const differences = new Map();
    for (const host of current) {
        const base = baseline.find(b => b.name === host.name);
        const changes = base ? toolchainChanges(host.toolchains, base.toolchains) : [];
        if (changes.length > 0)
            differences.set(host.name, changes);
    }
    return differences;
}
/** The note on each comparison of a host whose toolchain changed. */
function hostToolchainNote(changes) {
    return `toolchain differs from the baseline: ${changes.join(', ')}`;
}
/** The note on the run: "baseline measured with other toolchains (python: python 3.12.1 → 3.13.0)", or null. */
function runToolchainNote(differences) {
    if (differences.size === 0)
        return null;
    const hosts = [...differences.entries()].map(([host, changes]) => `${host}: ${changes.join(', ')}`);
    return `${NOTE_OTHER_TOOLCHAINS} (${hosts.join('; ')})`;
}

// Builds the hosts of the registry into <cacheRoot>/hosts/<name>-<platformTag>-<hash16>/, keyed by the host
// folder's files and the toolchain (versions and programs). A folder with `built.json` (written last) is never
// built again. Each host carries the record of its toolchain and the environment its toolchain needs.
// One host's failure never stops the others: it becomes a BuildFailure with the reason.
const PROBE_TIMEOUT$2 = 2 * MINUTE;
async function buildHosts(names, ctx) {
    const hosts = [];
    const failures = [];
    for (const name of names) {
        const spec = hostSpec(name);
        if (!spec) {
            failures.push({ name, error: `unknown host (known: ${HOSTS.map(h => h.name).join(', ')})` });
            continue;
        }
        const started = Date.now();
        try {
            const host = await buildHost(spec, ctx);
            ctx.log(`${name}: ready, ${host.runtime} ${host.version} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
            hosts.push(host);
        }
        catch (error) {
            const message = error.message;
            ctx.log(`${name}: failed: ${message}`);
            failures.push({ name, error: message });
        }
    }
    return { hosts, failures };
}
/** The cache folder of a host for this toolchain and these sources. */
function hostDir(spec, tc, ctx) {
    const tag = platformTag(ctx.platform, ctx.arch);
    // The programs' paths too: a virtual environment points at the interpreter it was made with.
    const toolchain = [...Object.entries(tc.versions), ...Object.entries(tc.tools)].map(([k, v]) => `${k}=${v}`).sort();
    const key = hashTree(path.join(ctx.repoRoot, spec.folder), [spec.name, tag, ...toolchain]).slice(0, 16);
    return path.join(ctx.cacheRoot, 'hosts', `${spec.name}-${tag}-${key}`);
}
async function buildHost(spec, buildCtx) {
    const tc = await spec.toolchain(buildCtx);
    const ctx = { ...buildCtx, env: { ...buildCtx.env, ...tc.env } };
    // Hosts without a build run from the checkout; the same key still says whether two checkouts hold the same host.
    const dir = hostDir(spec, tc, ctx);
    if (!spec.build)
        return (await started(spec, ctx, tc, '', dir)).host;
    const marker = path.join(dir, 'built.json');
    if (existsSync(marker)) {
        // Cached: only check that it still starts (a restored cache may lack a file the key does not cover).
        const cached = await started(spec, ctx, tc, dir, dir).catch((error) => {
            ctx.log(`${spec.name}: cached build in ${dir} does not start (${error.message}); building again`);
            return null;
        });
        if (cached) {
            ctx.log(`${spec.name}: cached ${dir}`);
            return cached.host;
        }
    }
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    ctx.log(`${spec.name}: building into ${dir} (${formatToolchain(tc.versions)})`);
    await spec.build(ctx, tc, dir);
    // The command and its environment are read from the build (the python host's pyvenv.cfg on Windows).
    const { host, probed } = await started(spec, ctx, tc, dir, dir);
    const built = {
        name: spec.name,
        key: path.basename(dir),
        toolchain: tc.versions,
        runtime: probed.runtime,
        version: probed.version,
        built_at: new Date().toISOString()
    };
    writeFileSync(marker, `${JSON.stringify(built, null, 2)}\n`);
    return host;
}
/** The built host's command and environment, checked by its version probe. */
async function started(spec, ctx, tc, outDir, dir) {
    const command = spec.command(ctx, tc, outDir);
    const env = { ...tc.env, ...spec.runEnv?.(ctx, tc, outDir) };
    const probed = await probeVersion(spec, command, { ...ctx, env: { ...ctx.env, ...env } });
    return { host: runnable(spec, command, probed, ctx, env, tc, dir), probed };
}
/** Runs `<host> version` (or the spec's own version command) and reads the runtime and its version. */
async function probeVersion(spec, command, ctx) {
    const argv = spec.versionArgv ? spec.versionArgv(command) : [...command, 'version'];
    const result = await exec(argv[0], argv.slice(1), { cwd: ctx.repoRoot, env: ctx.env, timeoutMs: PROBE_TIMEOUT$2 });
    if (!result.ok)
        throw new Error(describeFailure(`${argv.map(a => path.basename(a)).join(' ')}`, result, PROBE_TIMEOUT$2));
    const parsed = spec.parseVersion ? spec.parseVersion(result.stdout) : parseVersionLine(result.stdout);
    if (!parsed)
        throw new Error(`\`${spec.name} version\` printed no {"runtime","version"} line: ${result.stdout.trim().slice(0, 200)}`);
    return parsed;
}
/** "turbo-inline-js-wasm-calls=on, wasm-tier-up=on" from {"v8": {...}, "exec_argv": [...]}; unknown shapes give nothing. */
function describeFlags(flags) {
    if (typeof flags !== 'object' || flags === null)
        return undefined;
    const { v8, exec_argv: execArgv } = flags;
    const parts = typeof v8 === 'object' && v8 !== null
        ? Object.entries(v8).map(([name, on]) => `${name}=${on === true ? 'on' : on === false ? 'off' : String(on)}`)
        : [];
    if (Array.isArray(execArgv) && execArgv.length > 0)
        parts.push(`argv ${execArgv.join(' ')}`);
    return parts.length > 0 ? parts.join(', ').slice(0, 300) : undefined;
}
function parseVersionLine(stdout) {
    for (const line of stdout.split(/\r?\n/).reverse()) {
        if (!line.trim().startsWith('{'))
            continue;
        try {
            const value = JSON.parse(line);
            if (typeof value.runtime !== 'string' || typeof value.version !== 'string')
                continue;
            const flags = describeFlags(value.flags);
            return { runtime: value.runtime, version: value.version, ...(flags ? { flags } : {}) };
        }
        catch {
            // not JSON; keep looking
        }
    }
    return null;
}
function runnable(spec, command, probed, ctx, env, tc, dir) {
    const runtime = probed.runtime || spec.runtime;
    return {
        name: spec.name,
        key: path.basename(dir),
        workloadArgv: (wasm, reportFile, guestArgs) => spec.workloadArgv
            ? spec.workloadArgv(command, wasm, reportFile, guestArgs)
            : [...command, 'workload', wasm, '--report', reportFile, '--', ...guestArgs],
        ffiArgv: (wasm, reportFile) => (spec.ffi ? [...command, 'ffi', wasm, '--report', reportFile] : null),
        reportsPhases: spec.reportsPhases,
        cwd: ctx.repoRoot,
        runtime,
        version: probed.version,
        // The binding (wasmtime-go, wasmtime-py, ...) is part of the toolchain that shaped the figures.
        toolchains: { ...tc.versions, [runtime]: probed.version, ...(probed.flags ? { [`${runtime} flags`]: probed.flags } : {}) },
        env,
        counted: {
            argv: argv => [argv[0], ...(spec.counted?.flags ?? []), ...argv.slice(1)],
            env: spec.counted?.env ?? {},
            perCall: spec.counted?.perCall ?? true
        }
    };
}

// Times a measured process through the native launcher (launcher/): it spawns the process and waits for it itself,
// so the wall time is the process's from spawn to exit, without Node's spawn and event loop, plus the process's
// user and system CPU time. Without a launcher, Node's spawn-to-exit time is the fallback.
function launcherArgv(launcher, timingFile, argv) {
    return [launcher, timingFile, ...argv];
}
function parseTiming(text) {
    const line = text.trim();
    if (!line)
        throw new Error('empty timing file');
    const value = JSON.parse(line);
    if (typeof value.error === 'string')
        return { error: value.error };
    for (const key of ['wall_ns', 'user_ns', 'system_ns']) {
        const n = value[key];
        if (typeof n !== 'number' || !Number.isFinite(n) || n < 0)
            throw new Error(`"${key}" is not a non-negative number`);
    }
    return { wall_ns: value.wall_ns, user_ns: value.user_ns, system_ns: value.system_ns };
}
/**
 * Runs argv, timed by the launcher when there is one (its timing file replaces Node's wall time), else by Node.
 * A launcher that could not start the program reports it as Node would: a spawnError.
 */
async function clockedRun(argv, options, launcher) {
    if (!launcher)
        return { ...(await timedRun(argv, options)), cpuMs: null };
    rmSync(launcher.timingFile, { force: true });
    const run = await timedRun(launcherArgv(launcher.path, launcher.timingFile, argv), options);
    if (run.spawnError || run.timedOut)
        return { ...run, cpuMs: null };
    let timing;
    try {
        timing = parseTiming(readFileSync(launcher.timingFile, 'utf8'));
    }
    catch (error) {
        const why = error.code === 'ENOENT' ? 'no timing file' : error.message;
        // The launcher's own stderr line says what went wrong (e.g. it could not write the file).
        return { ...run, cpuMs: null, spawnError: `launcher: ${why}${run.stderr.trim() ? `: ${run.stderr.trim().split(/\r?\n/).pop()}` : ''}` };
    }
    if ('error' in timing)
        return { ...run, cpuMs: null, spawnError: timing.error };
    return { ...run, wallMs: timing.wall_ns / 1e6, cpuMs: { user: timing.user_ns / 1e6, system: timing.system_ns / 1e6 } };
}

// Builds the native launcher (launcher/, a small Rust program) that times every measured process, into
// <cacheRoot>/launcher/<platformTag>-<hash16>/, keyed like a host by its folder's files and the Rust toolchain.
// It is not a host: when it cannot be built, measuring goes on with Node's clock, so this never throws.
const LAUNCHER_FOLDER = 'launcher';
const LAUNCHER_BIN = 'wasm-ffi-bench-launcher';
const BUILD_TIMEOUT = 10 * MINUTE;
const PROBE_TIMEOUT$1 = MINUTE;
async function buildLauncher(ctx) {
    try {
        return { path: await ensureLauncher(ctx) };
    }
    catch (error) {
        const message = error.message;
        ctx.log(`launcher: failed: ${message}`);
        return { path: null, error: message.split(/\r?\n/)[0] };
    }
}
async function ensureLauncher(ctx) {
    const cargo = findOnPath('cargo', ctx.env, ctx.platform);
    if (!cargo)
        throw new Error('cargo not found on PATH (install Rust with rustup, e.g. dtolnay/rust-toolchain)');
    const toolchain = await rustToolchain(cargo, ctx);
    const dir = launcherDir(ctx, toolchain);
    const exe = path.join(dir, exeName(LAUNCHER_BIN, ctx.platform));
    if (existsSync(path.join(dir, 'built.json'))) {
        // Cached: check that it still times a process (a restored cache may lack a file the key does not cover).
        const probed = await probe(exe, ctx).catch((error) => {
            ctx.log(`launcher: cached ${dir} does not work (${error.message}); building again`);
            return false;
        });
        if (probed) {
            ctx.log(`launcher: cached ${dir}`);
            return exe;
        }
    }
    ctx.log(`launcher: building into ${dir} (${toolchain})`);
    // Built beside the final folder and renamed into place: other runs may share the cache.
    const tmp = `${dir}.tmp-${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    try {
        const targetDir = path.join(tmp, 'target');
        const manifest = path.join(ctx.repoRoot, LAUNCHER_FOLDER, 'Cargo.toml');
        const args = ['build', '--release', '--locked', '--manifest-path', manifest, '--target-dir', targetDir];
        const result = await exec(cargo, args, { cwd: path.join(ctx.repoRoot, LAUNCHER_FOLDER), env: ctx.env, timeoutMs: BUILD_TIMEOUT });
        if (!result.ok)
            throw new Error(describeFailure('cargo build', result, BUILD_TIMEOUT));
        // The empty program too: the spawn cost's empty process on Windows (process/spawn.ts), one layout everywhere.
        for (const bin of [LAUNCHER_BIN, EMPTY_PROCESS_BIN]) {
            copyFileSync(path.join(targetDir, 'release', exeName(bin, ctx.platform)), path.join(tmp, exeName(bin, ctx.platform)));
        }
        rmSync(targetDir, { recursive: true, force: true });
        writeFileSync(path.join(tmp, 'built.json'), `${JSON.stringify({ name: 'launcher', toolchain, built_at: new Date().toISOString() }, null, 2)}\n`);
        rmSync(dir, { recursive: true, force: true });
        renameSync(tmp, dir);
    }
    finally {
        rmSync(tmp, { recursive: true, force: true });
    }
    await probe(exe, ctx);
    return exe;
}
/** The cache folder of the launcher for this toolchain and these sources. */
function launcherDir(ctx, toolchain) {
    const tag = platformTag(ctx.platform, ctx.arch);
    const key = hashTree(path.join(ctx.repoRoot, LAUNCHER_FOLDER), [LAUNCHER_FOLDER, tag, toolchain]).slice(0, 16);
    return path.join(ctx.cacheRoot, 'launcher', `${tag}-${key}`);
}
async function rustToolchain(cargo, ctx) {
    const versions = [];
    for (const [tool, file] of [
        ['cargo', cargo],
        ['rustc', findOnPath('rustc', ctx.env, ctx.platform)]
    ]) {
        if (!file)
            continue;
        const result = await exec(file, ['--version'], { env: ctx.env, timeoutMs: PROBE_TIMEOUT$1 });
        if (!result.ok)
            throw new Error(describeFailure(`${tool} --version`, result, PROBE_TIMEOUT$1));
        versions.push(result.stdout.trim());
    }
    return versions.join('; ');
}
/** The launcher works when it times the empty process (on Windows its sibling program) and writes a timing line that parses. */
async function probe(exe, ctx) {
    const timingFile = path.join(os.tmpdir(), `wasm-ffi-bench-launcher-probe-${process.pid}.json`);
    const run = await clockedRun(emptyProcessArgv(ctx.platform, exe, ctx.env), { env: ctx.env, timeoutMs: PROBE_TIMEOUT$1 }, { path: exe, timingFile });
    rmSync(timingFile, { force: true });
    if (run.spawnError || run.timedOut || run.exitCode !== 0 || !run.cpuMs) {
        const why = run.spawnError ?? (run.timedOut ? 'timed out' : `exit code ${run.exitCode}: ${run.stderr.trim().slice(-300)}`);
        throw new Error(`${exe} does not time the empty process (${why})`);
    }
    return true;
}

// The build stage: the guest modules and the hosts, ready to run. Guest errors (a bad .wasm, no rustc with the
// wasm target) throw; a host that cannot be built becomes a failure and the others still build.
function buildContext(opts) {
    const env = opts.env ?? process.env;
    return {
        repoRoot: path.resolve(opts.repoRoot),
        cacheRoot: path.resolve(opts.cacheRoot ?? cacheRoot(env, process.platform, os.homedir())),
        platform: process.platform,
        arch: process.arch,
        // Only the allow-list: toolchains are found on its PATH, and no build step sees a token (process/env.ts).
        env: childEnv(env),
        toolchains: opts.toolchains ?? TOOLCHAINS_FROM_PATH,
        log: opts.log ?? (() => { })
    };
}
async function buildAll(opts) {
    const ctx = buildContext(opts);
    ctx.log(`build cache: ${ctx.cacheRoot}`);
    const guest = await buildGuest(ctx, { guest: opts.guest, wasm: opts.wasm });
    const { hosts, failures } = await buildHosts(opts.hosts, ctx);
    return { guest, hosts, failures };
}
/** The files whose contents decide what the build cache holds (absolute paths, sorted). */
function cacheKeyFiles(repoRoot) {
    const files = [];
    for (const folder of ['guest', 'hosts', LAUNCHER_FOLDER]) {
        const dir = path.join(repoRoot, folder);
        if (existsSync(dir))
            files.push(...sourceFiles(dir).map(f => path.join(dir, ...f.split('/'))));
    }
    return files;
}
/** What to persist with @actions/cache: built hosts, guest modules, the launcher and the wasmtime CLI (not cargo's target dir). */
function cachePaths(cacheRoot) {
    return ['hosts', 'guest', 'launcher', 'wasmtime-cli'].map(p => path.join(cacheRoot, p));
}
/**
 * An @actions/cache key for cachePaths: OS, arch, the pinned wasmtime version and the hash of cacheKeyFiles.
 * Restore with the prefix `wasm-ffi-bench-build-v1-<tag>-`: every folder inside is keyed on its own, so a
 * partly stale cache still saves the unchanged hosts.
 */
async function cacheKey(repoRoot, platform = process.platform, arch = process.arch) {
    const parts = [WASMTIME_VERSION];
    for (const file of cacheKeyFiles(repoRoot))
        parts.push(path.relative(repoRoot, file).split(path.sep).join('/'), sha256(await readFile(file)));
    const restorePrefix = `wasm-ffi-bench-build-v1-${platformTag(platform, arch)}-`;
    return { key: `${restorePrefix}${sha256(parts.join('\n')).slice(0, 16)}`, restorePrefix };
}

// THE table of inputs: the action's inputs (action.yml is generated from it by scripts/sync-action.ts), the CLI's
// flags and its usage text all come from here, and a test checks action.yml, docs/inputs.md and the README against it.
const INPUTS = [
    {
        name: 'mode',
        description: "run: build, measure, compare, upload results. report: gather every OS's results of the run, write one PR comment, gate.",
        action: { default: 'run' }
    },
    {
        name: 'hosts',
        description: `Comma-separated hosts to measure (${HOST_NAMES.join(', ')}).`,
        action: { default: HOST_NAMES.join(',') },
        cli: { arg: 'LIST' }
    },
    {
        name: 'optional-hosts',
        description: 'Hosts whose build or run failure is reported but does not fail the job.',
        action: { default: '' },
        cli: { arg: 'LIST' }
    },
    {
        name: 'iterations',
        description: 'Measured rounds at most (the time budget usually ends the sampling first); in each round every host runs once per revision, in a shuffled order, and once for both when its build is the same.',
        action: { default: '1000' },
        cli: { arg: 'N' }
    },
    { name: 'warmup', description: 'Warm-up rounds before measuring.', action: { default: '2' }, cli: { arg: 'N' } },
    {
        name: 'guest',
        description: 'Path of your own Rust guest crate (a bin target is the workload; an optional cdylib named ffi gives per-call costs). Empty means the bundled guest.',
        action: { default: '' },
        cli: { arg: 'DIR' }
    },
    {
        name: 'wasm',
        description: 'Path of a prebuilt WASI command module (.wasm) to measure instead of a guest crate.',
        action: { default: '' },
        cli: { arg: 'FILE' }
    },
    {
        name: 'guest-args',
        description: 'Arguments passed to the workload module, separated by spaces (never through a shell).',
        action: { default: '' },
        cli: { arg: '"A B"' }
    },
    {
        name: 'ffi',
        description: 'Run the per-call micro-benchmarks (export call, import call, memory round trip).',
        action: { default: 'true' },
        cli: { switch: true, default: 'true', negatable: true }
    },
    {
        name: 'sizes',
        description: 'Optional comma-separated workload sizes (e.g. 10000,100000,999999) to fit fixed and per-item cost per host.',
        action: { default: '' },
        cli: { arg: 'A,B,C' }
    },
    {
        name: 'compare',
        description: 'What the run is compared with: auto (the base of a pull request, the previous tip on a push, both measured in this job; the stored baseline otherwise), baseline (the stored baseline of the default branch), or none.',
        action: { default: 'auto' }
    },
    {
        name: 'time-budget-minutes',
        description: 'Minutes for measuring: the timed rounds and, on Linux, the instruction counts. The rounds stop when every gating comparison is decided or when the budget is spent (never before their first look); what is undecided then is inconclusive.',
        action: { default: '3.5' },
        cli: { arg: 'MIN' }
    },
    {
        name: 'instructions',
        description: "Count each host's instructions under valgrind's cachegrind, a deterministic second gate: auto (Linux, when valgrind is on PATH or, on a runner, installable with apt) or off. Where it cannot run, one line says why.",
        action: { default: 'auto' },
        cli: { arg: 'auto|off' }
    },
    {
        name: 'instruction-runs',
        description: 'Workload runs per host and revision under the instruction counter (the per-call figures take one set of ffi runs).',
        action: { default: '3' },
        cli: { arg: 'N' }
    },
    {
        name: 'instructions-threshold',
        description: 'Smallest change of an instruction count, in percent, that counts as a regression (every head run beyond every base run).',
        action: { default: '0.5' },
        cli: { arg: 'PCT' }
    },
    {
        name: 'threshold',
        description: 'Smallest change, in percent, that counts as a regression when it is also significant, for a base measured in the same job.',
        action: { default: '1' },
        cli: { arg: 'PCT' }
    },
    {
        name: 'baseline-threshold',
        description: 'The same for a comparison with the stored baseline, which crosses runs and machines and so needs a wider margin.',
        action: { default: '10' },
        cli: { arg: 'PCT' }
    },
    {
        name: 'alpha',
        description: 'Family-wise significance level over the gating comparisons of a run: a false red on one OS has at most half this chance.',
        action: { default: '0.01' },
        cli: { arg: 'P' }
    },
    {
        name: 'gate',
        description: `Comma-separated groups of metrics that gate (${GATE_GROUPS.join(', ')}); the others are shown only.`,
        action: { default: DEFAULT_GATE_GROUPS.join(',') },
        cli: { arg: 'LIST' }
    },
    {
        name: 'fail-on-regression',
        description: 'Fail the job (the CLI: exit 1) when a gating metric regresses.',
        action: { default: 'true' },
        cli: { switch: true, default: 'false' }
    },
    {
        name: 'fail-on-inconclusive',
        description: 'Also fail the job when a run stays inconclusive: the time budget ran out before every gating comparison was decided, or nothing was compared.',
        action: { default: 'false' },
        cli: { switch: true, default: 'false' }
    },
    {
        name: 'comment',
        description: 'When the report job writes the PR comment: always, on-regression or never.',
        action: { default: 'always' }
    },
    {
        name: 'github-token',
        description: "Token for the PR comment and for reading the triggering run's artifacts (workflow_run). Needs pull-requests write and actions read.",
        action: { default: '${{ github.token }}' }
    },
    {
        name: 'save-baseline',
        description: 'Save this run as the baseline: auto (pushes to the default branch only), always, or never.',
        action: { default: 'auto' }
    },
    {
        name: 'baseline-key-prefix',
        description: 'Prefix of the Actions cache keys that hold the baselines.',
        action: { default: 'wasm-ffi-bench' }
    },
    {
        name: 'go-version',
        description: `Go for the go host, as actions/setup-go sets it up: a version or range from the runner's tool cache or Go's downloads, or "${FROM_PATH}" for the go the workflow put on PATH.`,
        action: { default: GO_VERSION }
    },
    {
        name: 'go-download-base-url',
        description: "Where Go's release list (?mode=json&include=all) and archives are downloaded from (setup-go's input of the same name): a mirror for GHES or air-gapped runners.",
        action: { default: GO_DOWNLOAD_BASE_URL }
    },
    {
        name: 'python-version',
        description: `Python for the python host, as actions/setup-python sets it up: a version or range from the runner's tool cache or actions/python-versions, or "${FROM_PATH}" for the python the workflow put on PATH.`,
        action: { default: PYTHON_VERSION }
    },
    {
        name: 'python-mirror',
        description: "Base URL of the actions/python-versions manifest (versions-manifest.json) that lists the Python builds (setup-python's mirror input).",
        action: { default: PYTHON_VERSIONS_MIRROR }
    },
    {
        name: 'timeout-minutes',
        description: 'Timeout of each measured process, in minutes.',
        action: { default: '10' },
        cli: { arg: 'N' }
    }
];
/** Flags only the CLI has: where its files go, and what to do instead of measuring. */
const CLI_ONLY = [
    {
        name: 'compare-with',
        description: 'A git ref to compare the working tree (uncommitted changes included) with, both measured in this run.',
        cli: { arg: 'REF' }
    },
    { name: 'baseline', description: 'Baseline results file (default .wasm-ffi-bench/baseline.json).', cli: { arg: 'FILE' } },
    {
        name: 'save-baseline',
        description: 'Save this run as the baseline (the first run always is).',
        cli: { switch: true, default: 'false' }
    },
    { name: 'output', description: 'Results JSON (default .wasm-ffi-bench/results.json).', cli: { arg: 'FILE' } },
    { name: 'markdown', description: 'Markdown report (default .wasm-ffi-bench/report.md).', cli: { arg: 'FILE' } },
    {
        name: 'build-only',
        description: 'Build the guest and the hosts (cached), measure nothing.',
        cli: { switch: true, default: 'false' }
    }
];
/** The default of an input where it is read: the action's, or the CLI's where the CLI differs (switches). */
function inputDefault(name, where) {
    const spec = INPUTS.find(input => input.name === name);
    if (where === 'cli' && spec.cli && 'switch' in spec.cli)
        return spec.cli.default;
    return spec.action?.default ?? '';
}
/** The CLI's flags (every input with a `cli` entry, then the CLI's own), as one list. */
function cliFlags() {
    return [...INPUTS.filter((input) => input.cli), ...CLI_ONLY];
}

// The instruction counter: valgrind's cachegrind, found on PATH or installed with apt on a GitHub Linux runner.
// Where it cannot be had, a one-line note says why and the run measures wall time only (never an error).
const INSTRUCTIONS_MODES = ['auto', 'off'];
const OS_NAMES$1 = { darwin: 'macOS', win32: 'Windows' };
const PROBE_TIMEOUT = 60_000;
const INSTALL_TIMEOUT = 10 * 60_000;
/** The counter, or why there is none: a missing counter never fails the run. */
async function findCounter(mode, ctx) {
    if (mode === 'off')
        return { note: 'not counted (instructions: off)' };
    if (ctx.platform !== 'linux')
        return { note: `not counted: valgrind runs on Linux only, this is ${OS_NAMES$1[ctx.platform] ?? ctx.platform}` };
    const found = findOnPath('valgrind', ctx.env, ctx.platform) ?? (ctx.onRunner ? await installValgrind(ctx) : null);
    if (!found)
        return { note: 'not counted: valgrind is not on PATH (install it, e.g. apt-get install valgrind)' };
    const result = await exec(found, ['--version'], { env: ctx.env, timeoutMs: PROBE_TIMEOUT });
    const version = /valgrind-\S+/.exec(result.stdout)?.[0];
    if (!result.ok || !version)
        return { note: `not counted: ${found} --version did not answer (${result.stderr.trim().split('\n')[0] ?? ''})` };
    return { counter: { valgrind: found, version } };
}
/** apt-get install valgrind with sudo (no password on runners); null when it cannot be done. */
async function installValgrind(ctx) {
    const sudo = findOnPath('sudo', ctx.env, ctx.platform);
    const apt = findOnPath('apt-get', ctx.env, ctx.platform);
    if (!sudo || !apt)
        return null;
    ctx.log('instructions: installing valgrind with apt-get');
    for (const args of [
        ['update', '-q'],
        ['install', '-y', '-q', '--no-install-recommends', 'valgrind']
    ]) {
        const result = await exec(sudo, ['-n', apt, ...args], { env: ctx.env, timeoutMs: INSTALL_TIMEOUT });
        if (!result.ok) {
            ctx.log(`instructions: apt-get ${args[0]} failed: ${(result.stderr.trim() || result.stdout.trim()).split('\n').pop() ?? ''}`);
            return null;
        }
    }
    return findOnPath('valgrind', ctx.env, ctx.platform);
}
/** The argv that counts the instructions of `argv` into `outFile`: JIT code included, no cache simulation. */
function cachegrindArgv(counter, outFile, argv) {
    return [
        counter.valgrind,
        '--tool=cachegrind',
        '--cache-sim=no',
        // wasmtime, V8 and Python's ctypes write code at run time; valgrind must see every change of it.
        '--smc-check=all-non-file',
        `--cachegrind-out-file=${path.resolve(outFile)}`,
        '--quiet',
        ...argv
    ];
}
/** The instructions executed, from a cachegrind out file: its `summary:` line (the first event is Ir). */
function parseCachegrindOut(text) {
    const events = /^events:\s*(.+)$/m.exec(text)?.[1].trim().split(/\s+/);
    const summary = /^summary:\s*(.+)$/m.exec(text)?.[1].trim().split(/\s+/);
    const at = events?.indexOf('Ir') ?? -1;
    const count = summary && at >= 0 ? Number(summary[at]) : Number.NaN;
    if (!Number.isSafeInteger(count) || count <= 0)
        throw new Error('no instruction count (no "events: Ir" and "summary:" lines)');
    return count;
}

/**
 * When adding a new value to a list, one does not have to necessary
 * recompute the mean of the list in linear time. They can instead use
 * this function to compute the new mean by providing the current mean,
 * the number of elements in the list that produced it and the new
 * value to add.
 *
 * @since 2.5.0
 * @param {number} mean current mean
 * @param {number} n number of items in the list
 * @param {number} newValue the added value
 * @returns {number} the new mean
 *
 * @example
 * addToMean(14, 5, 53); // => 20.5
 */

/**
 * Sort an array of numbers by their numeric value, ensuring that the
 * array is not changed in place.
 *
 * This is necessary because the default behavior of .sort
 * in JavaScript is to sort arrays as string values
 *
 *     [1, 10, 12, 102, 20].sort()
 *     // output
 *     [1, 10, 102, 12, 20]
 *
 * @param {Array<number>} x input array
 * @return {Array<number>} sorted array
 * @private
 * @example
 * numericSort([3, 2, 1]) // => [1, 2, 3]
 */
function numericSort(x) {
    return (
        x
            // ensure the array is not changed in-place
            .slice()
            // comparator function that treats input as numeric
            .sort(function (a, b) {
                return a - b;
            })
    );
}

/**
 * Our default sum is the [Kahan-Babuska algorithm](https://pdfs.semanticscholar.org/1760/7d467cda1d0277ad272deb2113533131dc09.pdf).
 * This method is an improvement over the classical
 * [Kahan summation algorithm](https://en.wikipedia.org/wiki/Kahan_summation_algorithm).
 * It aims at computing the sum of a list of numbers while correcting for
 * floating-point errors. Traditionally, sums are calculated as many
 * successive additions, each one with its own floating-point roundoff. These
 * losses in precision add up as the number of numbers increases. This alternative
 * algorithm is more accurate than the simple way of calculating sums by simple
 * addition.
 *
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x input
 * @return {number} sum of all input numbers
 * @example
 * sum([1, 2, 3]); // => 6
 */
function sum(x) {
    // If the array is empty, we needn't bother computing its sum
    if (x.length === 0) {
        return 0;
    }

    // Initializing the sum as the first number in the array
    var sum = x[0];

    // Keeping track of the floating-point error correction
    var correction = 0;

    var transition;

    if (typeof sum !== "number") {
        return Number.NaN;
    }

    for (var i = 1; i < x.length; i++) {
        if (typeof x[i] !== "number") {
            return Number.NaN;
        }
        transition = sum + x[i];

        // Here we need to update the correction in a different fashion
        // if the new absolute value is greater than the absolute sum
        if (Math.abs(sum) >= Math.abs(x[i])) {
            correction += sum - transition + x[i];
        } else {
            correction += x[i] - transition + sum;
        }

        sum = transition;
    }

    // Returning the corrected sum
    return sum + correction;
}

/**
 * The mean, _also known as average_,
 * is the sum of all values over the number of values.
 * This is a [measure of central tendency](https://en.wikipedia.org/wiki/Central_tendency):
 * a method of finding a typical or central value of a set of numbers.
 *
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x sample of one or more data points
 * @throws {Error} if the length of x is less than one
 * @returns {number} mean
 * @example
 * mean([0, 10]); // => 5
 */
function mean(x) {
    if (x.length === 0) {
        throw new Error("mean requires at least one data point");
    }

    return sum(x) / x.length;
}

/**
 * The sum of deviations to the Nth power.
 * When n=2 it's the sum of squared deviations.
 * When n=3 it's the sum of cubed deviations.
 *
 * @param {Array<number>} x
 * @param {number} n power
 * @returns {number} sum of nth power deviations
 *
 * @example
 * var input = [1, 2, 3];
 * // since the variance of a set is the mean squared
 * // deviations, we can calculate that with sumNthPowerDeviations:
 * sumNthPowerDeviations(input, 2) / input.length;
 */
function sumNthPowerDeviations(x, n) {
    var meanValue = mean(x);
    var sum = 0;
    var tempValue;
    var i;

    // This is an optimization: when n is 2 (we're computing a number squared),
    // multiplying the number by itself is significantly faster than using
    // the Math.pow method.
    {
        for (i = 0; i < x.length; i++) {
            tempValue = x[i] - meanValue;
            sum += tempValue * tempValue;
        }
    }

    return sum;
}

/**
 * The [sample variance](https://en.wikipedia.org/wiki/Variance#Sample_variance)
 * is the sum of squared deviations from the mean. The sample variance
 * is distinguished from the variance by the usage of [Bessel's Correction](https://en.wikipedia.org/wiki/Bessel's_correction):
 * instead of dividing the sum of squared deviations by the length of the input,
 * it is divided by the length minus one. This corrects the bias in estimating
 * a value from a set that you don't know if full.
 *
 * References:
 * * [Wolfram MathWorld on Sample Variance](http://mathworld.wolfram.com/SampleVariance.html)
 *
 * @param {Array<number>} x a sample of two or more data points
 * @throws {Error} if the length of x is less than 2
 * @return {number} sample variance
 * @example
 * sampleVariance([1, 2, 3, 4, 5]); // => 2.5
 */
function sampleVariance(x) {
    if (x.length < 2) {
        throw new Error("sampleVariance requires at least two data points");
    }

    var sumSquaredDeviationsValue = sumNthPowerDeviations(x);

    // this is Bessels' Correction: an adjustment made to sample statistics
    // that allows for the reduced degree of freedom entailed in calculating
    // values from samples rather than complete populations.
    var besselsCorrection = x.length - 1;

    // Find the mean value of that list
    return sumSquaredDeviationsValue / besselsCorrection;
}

/**
 * The [sample standard deviation](http://en.wikipedia.org/wiki/Standard_deviation#Sample_standard_deviation)
 * is the square root of the sample variance.
 *
 * @param {Array<number>} x input array
 * @returns {number} sample standard deviation
 * @example
 * sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]).toFixed(2);
 * // => '2.14'
 */
function sampleStandardDeviation(x) {
    var sampleVarianceX = sampleVariance(x);
    return Math.sqrt(sampleVarianceX);
}

/**
 * This computes the maximum number in an array.
 *
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x sample of one or more data points
 * @returns {number} maximum value
 * @throws {Error} if the length of x is less than one
 * @example
 * max([1, 2, 3, 4]);
 * // => 4
 */
function max(x) {
    if (x.length === 0) {
        throw new Error("max requires at least one data point");
    }

    var value = x[0];
    for (var i = 1; i < x.length; i++) {
        if (x[i] > value) {
            value = x[i];
        }
    }
    return value;
}

/**
 * The min is the lowest number in the array.
 * This runs in `O(n)`, linear time, with respect to the length of the array.
 *
 * @param {Array<number>} x sample of one or more data points
 * @throws {Error} if the length of x is less than one
 * @returns {number} minimum value
 * @example
 * min([1, 5, -10, 100, 2]); // => -10
 */
function min(x) {
    if (x.length === 0) {
        throw new Error("min requires at least one data point");
    }

    var value = x[0];
    for (var i = 1; i < x.length; i++) {
        if (x[i] < value) {
            value = x[i];
        }
    }
    return value;
}

/**
 * This is the internal implementation of quantiles: when you know
 * that the order is sorted, you don't need to re-sort it, and the computations
 * are faster.
 *
 * This implements the linear interpolation method (type=7 in R/numpy),
 * which is the default in numpy.percentile and R's quantile.
 *
 * @param {Array<number>} x sample of one or more data points
 * @param {number} p desired quantile: a number between 0 to 1, inclusive
 * @returns {number} quantile value
 * @throws {Error} if p ix outside of the range from 0 to 1
 * @throws {Error} if x is empty
 * @example
 * quantileSorted([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.5); // => 9
 */
function quantileSorted(x, p) {
    // Use (n-1) * p for index, matching numpy's linear method (type=7)
    var idx = (x.length - 1) * p;
    if (x.length === 0) {
        throw new Error("quantile requires at least one data point.");
    } else if (p < 0 || p > 1) {
        throw new Error("quantiles must be between 0 and 1");
    } else if (p === 1) {
        // If p is 1, directly return the last element
        return x[x.length - 1];
    } else if (p === 0) {
        // If p is 0, directly return the first element
        return x[0];
    } else if (idx % 1 !== 0) {
        // If idx is not integer, interpolate linearly between floor and ceil
        var lower = Math.floor(idx);
        var upper = Math.ceil(idx);
        var fraction = idx - lower;
        return x[lower] + fraction * (x[upper] - x[lower]);
    } else {
        // If idx is integer, type=7 returns the value at that index
        return x[idx];
    }
}

/**
 * Rearrange items in `arr` so that all items in `[left, k]` range are the smallest.
 * The `k`-th element will have the `(k - left + 1)`-th smallest value in `[left, right]`.
 *
 * Implements Floyd-Rivest selection algorithm https://en.wikipedia.org/wiki/Floyd-Rivest_algorithm
 *
 * @param {Array<number>} arr input array
 * @param {number} k pivot index
 * @param {number} [left] left index
 * @param {number} [right] right index
 * @returns {void} mutates input array
 * @example
 * var arr = [65, 28, 59, 33, 21, 56, 22, 95, 50, 12, 90, 53, 28, 77, 39];
 * quickselect(arr, 8);
 * // = [39, 28, 28, 33, 21, 12, 22, 50, 53, 56, 59, 65, 90, 77, 95]
 */
function quickselect(arr, k, left, right) {
    left = left || 0;
    right = right || arr.length - 1;

    while (right > left) {
        // 600 and 0.5 are arbitrary constants chosen in the original paper to minimize execution time
        if (right - left > 600) {
            var n = right - left + 1;
            var m = k - left + 1;
            var z = Math.log(n);
            var s = 0.5 * Math.exp((2 * z) / 3);
            var sd = 0.5 * Math.sqrt((z * s * (n - s)) / n);
            if (m - n / 2 < 0) { sd *= -1; }
            var newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
            var newRight = Math.min(
                right,
                Math.floor(k + ((n - m) * s) / n + sd)
            );
            quickselect(arr, k, newLeft, newRight);
        }

        var t = arr[k];
        var i = left;
        var j = right;

        swap(arr, left, k);
        if (arr[right] > t) { swap(arr, left, right); }

        while (i < j) {
            swap(arr, i, j);
            i++;
            j--;
            while (arr[i] < t) { i++; }
            while (arr[j] > t) { j--; }
        }

        if (arr[left] === t) { swap(arr, left, j); }
        else {
            j++;
            swap(arr, j, right);
        }

        if (j <= k) { left = j + 1; }
        if (k <= j) { right = j - 1; }
    }
}

function swap(arr, i, j) {
    var tmp = arr[i];
    arr[i] = arr[j];
    arr[j] = tmp;
}

/**
 * The [quantile](https://en.wikipedia.org/wiki/Quantile):
 * this is a population quantile, since we assume to know the entire
 * dataset in this library. This implementation uses linear interpolation,
 * equivalent to R's type=7 and numpy's default percentile method.
 *
 * Sample is a one-dimensional array of numbers,
 * and p is either a decimal number from 0 to 1 or an array of decimal
 * numbers from 0 to 1.
 * In terms of a k/q quantile, p = k/q - it's just dealing with fractions or dealing
 * with decimal values.
 * When p is an array, the result of the function is also an array containing the appropriate
 * quantiles in input order
 *
 * @param {Array<number>} x sample of one or more numbers
 * @param {Array<number> | number} p the desired quantile, as a number between 0 and 1
 * @returns {number} quantile
 * @example
 * quantile([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.5); // => 9
 */
function quantile(x, p) {
    var copy = x.slice();

    if (Array.isArray(p)) {
        // rearrange elements so that each element corresponding to a requested
        // quantile is on a place it would be if the array was fully sorted
        multiQuantileSelect(copy, p);
        // Initialize the result array
        var results = [];
        // For each requested quantile
        for (var i = 0; i < p.length; i++) {
            results[i] = quantileSorted(copy, p[i]);
        }
        return results;
    } else {
        var idx = quantileIndex(copy.length, p);
        quantileSelect(copy, idx, 0, copy.length - 1);
        return quantileSorted(copy, p);
    }
}

function quantileSelect(arr, k, left, right) {
    if (k % 1 === 0) {
        quickselect(arr, k, left, right);
    } else {
        k = Math.floor(k);
        quickselect(arr, k, left, right);
        quickselect(arr, k + 1, k + 1, right);
    }
}

function multiQuantileSelect(arr, p) {
    // Collect every integer order statistic that the requested quantiles need.
    // Linear interpolation (type=7) reads x[floor(idx)] and x[ceil(idx)], so both
    // surrounding positions must be placed. Deduplicate to integer positions
    // so each is selected with an unambiguous index.
    var positions = new Set();
    for (var i = 0; i < p.length; i++) {
        var idx = quantileIndex(arr.length, p[i]);
        positions.add(Math.floor(idx));
        positions.add(Math.ceil(idx));
    }
    var indices = Array.from(positions).sort(compare);

    multiselect(arr, indices, 0, indices.length - 1, 0, arr.length - 1);
}

// Place every order statistic in `indices` by partitioning around the median
// requested position, then recursing into the two halves. The just-placed pivot
// is excluded from the child ranges (indices[mid] ± 1) so that a later, narrower
// quickselect cannot disturb an already-finalized position.
function multiselect(arr, indices, lo, hi, left, right) {
    if (lo > hi) { return; }
    var mid = (lo + hi) >> 1;
    quickselect(arr, indices[mid], left, right);
    multiselect(arr, indices, lo, mid - 1, left, indices[mid] - 1);
    multiselect(arr, indices, mid + 1, hi, indices[mid] + 1, right);
}

function compare(a, b) {
    return a - b;
}

function quantileIndex(len, p) {
    // Use (n-1) * p to match numpy's linear method (type=7)
    var idx = (len - 1) * p;
    if (p === 1) {
        // If p is 1, directly return the last index
        return len - 1;
    } else if (p === 0) {
        // If p is 0, directly return the first index
        return 0;
    } else if (idx % 1 !== 0) {
        // If index is not integer, keep the fractional position so we can
        // select both surrounding order statistics for interpolation.
        return idx;
    } else {
        // If index is integer, return that exact position.
        return idx;
    }
}

/**
 * [Simple linear regression](http://en.wikipedia.org/wiki/Simple_linear_regression)
 * is a simple way to find a fitted line
 * between a set of coordinates. This algorithm finds the slope and y-intercept of a regression line
 * using the least sum of squares.
 *
 * @param {Array<Array<number>>} data an array of two-element of arrays,
 * like `[[0, 1], [2, 3]]`
 * @returns {Object} object containing slope and intersect of regression line
 * @example
 * linearRegression([[0, 0], [1, 1]]); // => { m: 1, b: 0 }
 */
function linearRegression(data) {
    var m;
    var b;

    // Store data length in a local variable to reduce
    // repeated object property lookups
    var dataLength = data.length;

    //if there's only one point, arbitrarily choose a slope of 0
    //and a y-intercept of whatever the y of the initial point is
    if (dataLength === 1) {
        m = 0;
        b = data[0][1];
    } else {
        // The means of x and y. Centering on them before accumulating the
        // cross products keeps the sums small when the coordinates are not,
        // which is what `weightedLinearRegression` already does.
        var sumX = 0;
        var sumY = 0;
        for (var i = 0; i < dataLength; i++) {
            sumX += data[i][0];
            sumY += data[i][1];
        }
        var meanX = sumX / dataLength;
        var meanY = sumY / dataLength;

        var sumXY = 0;
        var sumXX = 0;
        for (var i$1 = 0; i$1 < dataLength; i$1++) {
            var deviationX = data[i$1][0] - meanX;
            sumXY += deviationX * (data[i$1][1] - meanY);
            sumXX += deviationX * deviationX;
        }

        // `m` is the slope of the regression line, `b` its y-intercept.
        m = sumXY / sumXX;
        b = meanY - m * meanX;
    }

    // Return both values as an object.
    return {
        m: m,
        b: b
    };
}

/**
 * Given the output of `linearRegression`: an object
 * with `m` and `b` values indicating slope and intercept,
 * respectively, generate a line function that translates
 * x values into y values.
 *
 * @param {Object} mb object with `m` and `b` members, representing
 * slope and intersect of desired line
 * @returns {Function} method that computes y-value at any given
 * x-value on the line.
 * @example
 * var l = linearRegressionLine(linearRegression([[0, 0], [1, 1]]));
 * l(0) // = 0
 * l(2) // = 2
 * linearRegressionLine({ b: 0, m: 1 })(1); // => 1
 * linearRegressionLine({ b: 1, m: 1 })(1); // => 2
 */
function linearRegressionLine(mb /*: { b: number, m: number }*/) {
    // Return a function that computes a `y` value for each
    // x value it is given, based on the values of `b` and `a`
    // that we just computed.
    return function (x) {
        return mb.b + mb.m * x;
    };
}

/**
 * The [median](http://en.wikipedia.org/wiki/Median) is
 * the middle number of a list. This is often a good indicator of 'the middle'
 * when there are outliers that skew the `mean()` value.
 * This is a [measure of central tendency](https://en.wikipedia.org/wiki/Central_tendency):
 * a method of finding a typical or central value of a set of numbers.
 *
 * The median isn't necessarily one of the elements in the list: the value
 * can be the average of two elements if the list has an even length
 * and the two central values are different.
 *
 * @param {Array<number>} x input
 * @returns {number} median value
 * @example
 * median([10, 2, 5, 100, 2, 1]); // => 3.5
 */
function median(x) {
    return +quantile(x, 0.5);
}

/**
 * The [Median Absolute Deviation](http://en.wikipedia.org/wiki/Median_absolute_deviation) is
 * a robust measure of statistical
 * dispersion. It is more resilient to outliers than the standard deviation.
 *
 * @param {Array<number>} x input array
 * @returns {number} median absolute deviation
 * @example
 * medianAbsoluteDeviation([1, 1, 2, 2, 4, 6, 9]); // => 1
 */
function medianAbsoluteDeviation(x) {
    var medianValue = median(x);
    var medianAbsoluteDeviations = [];

    // Make a list of absolute deviations from the median
    for (var i = 0; i < x.length; i++) {
        medianAbsoluteDeviations.push(Math.abs(x[i] - medianValue));
    }

    // Find the median value of that list
    return median(medianAbsoluteDeviations);
}

/**
 * The [R Squared](http://en.wikipedia.org/wiki/Coefficient_of_determination)
 * value of data compared with a function `f`
 * is the sum of the squared differences between the prediction
 * and the actual value.
 *
 * @param {Array<Array<number>>} x input data: this should be doubly-nested
 * @param {Function} func function called on `[i][0]` values within the dataset
 * @returns {number} r-squared value
 * @example
 * var samples = [[0, 0], [1, 1]];
 * var regressionLine = linearRegressionLine(linearRegression(samples));
 * rSquared(samples, regressionLine); // = 1 this line is a perfect fit
 */
function rSquared(x, func) {
    if (x.length < 2) {
        return 1;
    }

    // Compute the average y value for the actual
    // data set in order to compute the
    // _total sum of squares_
    var sum = 0;
    for (var i = 0; i < x.length; i++) {
        sum += x[i][1];
    }
    var average = sum / x.length;

    // Compute the total sum of squares - the
    // squared difference between each point
    // and the average of all points.
    var sumOfSquares = 0;
    for (var j = 0; j < x.length; j++) {
        sumOfSquares += Math.pow(average - x[j][1], 2);
    }

    // Finally estimate the error: the squared
    // difference between the estimate and the actual data
    // value at each point.
    var err = 0;
    for (var k = 0; k < x.length; k++) {
        err += Math.pow(x[k][1] - func(x[k][0]), 2);
    }

    // As the error grows larger, its ratio to the
    // sum of squares increases and the r squared
    // value grows lower.
    return 1 - err / sumOfSquares;
}

/**
 * Sampling with replacement is a type of sampling that allows the same
 * item to be picked out of a population more than once.
 *
 * @param {Array<*>} x an array of any kind of value
 * @param {number} n count of how many elements to take
 * @param {Function} [randomSource=Math.random] an optional entropy source that
 * returns numbers between 0 inclusive and 1 exclusive: the range [0, 1)
 * @return {Array} n sampled items from the population
 * @example
 * var values = [1, 2, 3, 4];
 * sampleWithReplacement(values, 2); // returns 2 random values, like [2, 4];
 */
function sampleWithReplacement(x, n, randomSource) {
    if (x.length === 0) {
        return [];
    }

    // a custom random number source can be provided if you want to use
    // a fixed seed or another random number generator, like
    // [random-js](https://www.npmjs.org/package/random-js)
    randomSource = randomSource || Math.random;

    var length = x.length;
    var sample = [];

    for (var i = 0; i < n; i++) {
        var index = Math.floor(randomSource() * length);

        sample.push(x[index]);
    }

    return sample;
}

/**
 * This function calculates the Wilcoxon rank sum statistic for the first sample
 * with respect to the second. The Wilcoxon rank sum test is a non-parametric
 * alternative to the t-test which is equivalent to the
 * [Mann-Whitney U test](https://en.wikipedia.org/wiki/Mann%E2%80%93Whitney_U_test).
 * The statistic is calculated by pooling all the observations together, ranking them,
 * and then summing the ranks associated with one of the samples. If this rank sum is
 * sufficiently large or small we reject the hypothesis that the two samples come
 * from the same distribution in favor of the alternative that one is shifted with
 * respect to the other.
 *
 * @param {Array<number>} sampleX a sample as an array of numbers
 * @param {Array<number>} sampleY a sample as an array of numbers
 * @returns {number} rank sum for sampleX
 *
 * @example
 * wilcoxonRankSum([1, 4, 8], [9, 12, 15]); // => 6
 */
function wilcoxonRankSum(sampleX, sampleY) {
    if (!sampleX.length || !sampleY.length) {
        throw new Error("Neither sample can be empty");
    }

    var pooledSamples = sampleX
        .map(function (x) { return ({ label: "x", value: x }); })
        .concat(sampleY.map(function (y) { return ({ label: "y", value: y }); }))
        .sort(function (a, b) { return a.value - b.value; });

    for (var rank = 0; rank < pooledSamples.length; rank++) {
        pooledSamples[rank].rank = rank;
    }

    var tiedRanks = [pooledSamples[0].rank];
    for (var i = 1; i < pooledSamples.length; i++) {
        if (pooledSamples[i].value === pooledSamples[i - 1].value) {
            tiedRanks.push(pooledSamples[i].rank);
            if (i === pooledSamples.length - 1) {
                replaceRanksInPlace(pooledSamples, tiedRanks);
            }
        } else {
            if (tiedRanks.length > 1) {
                replaceRanksInPlace(pooledSamples, tiedRanks);
            }
            tiedRanks = [pooledSamples[i].rank];
        }
    }

    function replaceRanksInPlace(pooledSamples, tiedRanks) {
        var average = (tiedRanks[0] + tiedRanks[tiedRanks.length - 1]) / 2;
        for (var i = 0; i < tiedRanks.length; i++) {
            pooledSamples[tiedRanks[i]].rank = average;
        }
    }

    var rankSum = 0;

    for (var i$1 = 0; i$1 < pooledSamples.length; i$1++) {
        var sample = pooledSamples[i$1];
        if (sample.label === "x") {
            rankSum += sample.rank + 1;
        }
    }

    return rankSum;
}

/**
 * We use `ε`, epsilon, as a stopping criterion when we want to iterate
 * until we're "close enough". Epsilon is a very small number: for
 * simple statistics, that number is **0.0001**
 *
 * This is used in calculations like the binomialDistribution, in which
 * the process of finding a value is [iterative](https://en.wikipedia.org/wiki/Iterative_method):
 * it progresses until it is close enough.
 *
 * Below is an example of using epsilon in [gradient descent](https://en.wikipedia.org/wiki/Gradient_descent),
 * where we're trying to find a local minimum of a function's derivative,
 * given by the `fDerivative` method.
 *
 * @example
 * // From calculation, we expect that the local minimum occurs at x=9/4
 * var x_old = 0;
 * // The algorithm starts at x=6
 * var x_new = 6;
 * var stepSize = 0.01;
 *
 * function fDerivative(x) {
 *   return 4 * Math.pow(x, 3) - 9 * Math.pow(x, 2);
 * }
 *
 * // The loop runs until the difference between the previous
 * // value and the current value is smaller than epsilon - a rough
 * // meaure of 'close enough'
 * while (Math.abs(x_new - x_old) > ss.epsilon) {
 *   x_old = x_new;
 *   x_new = x_old - stepSize * fDerivative(x_old);
 * }
 *
 * console.log('Local minimum occurs at', x_new);
 */
var epsilon = 0.0001;

// Define series coefficients
var COEFFICIENTS = [
    0.99999999999999709182, 57.156235665862923517, -59.59796035547549,
    14.136097974741747174, -0.4919138160976202, 0.33994649984811888699e-4,
    0.46523628927048575665e-4, -9837447530487956e-20,
    0.15808870322491248884e-3, -21026444172410488e-20,
    0.2174396181152126432e-3, -1643181065367639e-19,
    0.84418223983852743293e-4, -26190838401581408e-21,
    0.36899182659531622704e-5
];

var g = 607 / 128;
var LOGSQRT2PI = Math.log(Math.sqrt(2 * Math.PI));

/**
 * Compute the logarithm of the [gamma function](https://en.wikipedia.org/wiki/Gamma_function) of a value using Lanczos' approximation.
 * This function takes as input any real-value n greater than 0.
 * This function is useful for values of n too large for the normal gamma function (n > 165).
 * The code is based on Lanczo's Gamma approximation, defined [here](http://my.fit.edu/~gabdo/gamma.txt).
 *
 * @param {number} n Any real number greater than zero.
 * @returns {number} The logarithm of gamma of the input value.
 *
 * @example
 * gammaln(500); // 2605.1158503617335
 * gammaln(2.4); // 0.21685932244884043
 */
function gammaln(n) {
    // Return infinity if value not in domain
    if (n <= 0) {
        return Number.POSITIVE_INFINITY;
    }

    // Decrement n, because approximation is defined for n - 1
    n--;

    // Create series approximation
    var a = COEFFICIENTS[0];

    for (var i = 1; i < 15; i++) {
        a += COEFFICIENTS[i] / (n + i);
    }

    var tmp = g + 0.5 + n;

    // Return natural logarithm of gamma(n)
    return LOGSQRT2PI + Math.log(a) - tmp + (n + 0.5) * Math.log(tmp);
}

/**
 * Discrete distributions are tabulated cell by cell, and the Poisson
 * distribution has no upper bound at all, so their tables need a length we can
 * still allocate. Past this, `binomialDistribution` and `poissonDistribution`
 * report a distribution they cannot produce rather than a partial one.
 */
var maxDistributionCells = 1e6;

/**
 * The [Binomial Distribution](http://en.wikipedia.org/wiki/Binomial_distribution) is the discrete probability
 * distribution of the number of successes in a sequence of n independent yes/no experiments, each of which yields
 * success with probability `probability`. Such a success/failure experiment is also called a Bernoulli experiment or
 * Bernoulli trial; when trials = 1, the Binomial Distribution is a Bernoulli Distribution.
 *
 * Returns `undefined` when the distribution cannot be calculated: either
 * argument is outside its domain or is not a number, or when `trials` is large
 * enough that the table would run past a million cells.
 *
 * @param {number} trials number of trials to simulate
 * @param {number} probability
 * @returns {number[] | undefined} output
 */
function binomialDistribution(trials, probability) /*: ?number[] */ {
    // Check that `p` is a valid probability (0 ≤ p ≤ 1),
    // that `n` is an integer, strictly positive.
    if (trials <= 0 || trials % 1 !== 0) {
        return undefined;
    }

    // More successes than trials are impossible, and the table cannot outgrow
    // what we can allocate.
    var lastCell = Math.min(trials, maxDistributionCells - 1);

    // `x` is the random variable: the number of successes. We iterate until
    // the cumulative probability is within `epsilon` of 1.0, at which point we
    // have the useful range of the distribution.
    var x = 0;
    var cumulativeProbability = 0;
    var cells = [];

    // The terms of the mass function below that do not vary with `x`
    var logTrialsFactorial = gammaln(trials + 1);
    var logProbability = Math.log(probability);
    // `log1p` rather than `Math.log(1 - probability)`, which cancels away the
    // low digits of the complement as `probability` approaches 1.
    var log1mProbability = Math.log1p(-probability);

    // This algorithm iterates through each potential outcome,
    // until the `cumulativeProbability` is very close to 1, at
    // which point we've defined the vast majority of outcomes
    do {
        // A [probability mass function](https://en.wikipedia.org/wiki/Probability_mass_function),
        // taken through its logarithm: the binomial coefficient and the two
        // powers each leave floating-point range long before the product they
        // form does, so computing them separately loses cells the distribution
        // needs.
        cells[x] = Math.exp(
            logTrialsFactorial -
                gammaln(x + 1) -
                gammaln(trials - x + 1) +
                x * logProbability +
                (trials - x) * log1mProbability
        );
        cumulativeProbability += cells[x];
        x++;
        // When the `cumulativeProbability` is nearly 1, we've calculated
        // the useful range of this distribution
    } while (cumulativeProbability < 1 - epsilon && x <= lastCell);

    // Stopping for any other reason - a probability that is not a number, or
    // more trials than the table can hold - leaves cells that do not add up to
    // a distribution, so report that rather than returning them.
    if (
        Number.isNaN(cumulativeProbability) ||
        cumulativeProbability < 1 - epsilon
    ) {
        return undefined;
    }

    return cells;
}

/**
 * The Inverse [Gaussian error function](http://en.wikipedia.org/wiki/Error_function)
 * returns a numerical approximation to the value that would have caused
 * `errorFunction()` to return x.
 *
 * @param {number} x value of error function
 * @returns {number} estimated inverted value
 */
function inverseErrorFunction(x) {
    var a = (8 * (Math.PI - 3)) / (3 * Math.PI * (4 - Math.PI));

    var inv = Math.sqrt(
        Math.sqrt(
            Math.pow(2 / (Math.PI * a) + Math.log(1 - x * x) / 2, 2) -
                Math.log(1 - x * x) / a
        ) -
            (2 / (Math.PI * a) + Math.log(1 - x * x) / 2)
    );

    if (x >= 0) {
        return inv;
    } else {
        return -inv;
    }
}

/**
 * The [Probit](http://en.wikipedia.org/wiki/Probit)
 * is the inverse of cumulativeStdNormalProbability(),
 * and is also known as the normal quantile function.
 *
 * It returns the number of standard deviations from the mean
 * where the p'th quantile of values can be found in a normal distribution.
 * So, for example, probit(0.5 + 0.6827/2) ≈ 1 because 68.27% of values are
 * normally found within 1 standard deviation above or below the mean.
 *
 * @param {number} p
 * @returns {number} probit
 */
function probit(p) {
    if (p === 0) {
        p = epsilon;
    } else if (p >= 1) {
        p = 1 - epsilon;
    }
    return Math.sqrt(2) * inverseErrorFunction(2 * p - 1);
}

// What runs under the instruction counter, per host and revision: `runs` workload runs, and for the per-call
// figures one set of ffi runs with fixed call counts: one with every loop at its count (the set's base), and one
// per figure with that figure's loop run twice as often. A figure's instructions per call are the difference of
// the two counts over the calls added, so the set-up (compiling, instantiating) cancels out. One set: the figures
// are shown, not gated (their jitter, ~1%, is far above the workload count's), and a set is 5 slow processes.
/** Each counted loop gets about this much of its native time: millions of instructions, far above the jitter of
 *  a process's count (docs/design.md, "Instruction counts"). */
const LOOP_TARGET_NS = 5e6;
const MIN_CALLS = 16;
const MAX_CALLS = 10_000_000;
/** The empty loops are not counted apart (their iterations stay in the figures), so they run once. */
const UNCOUNTED_CALLS = 1;
const medianOf = (xs) => (xs.length > 0 ? median(xs) : Number.NaN);
/**
 * Call counts from a host's timed per-call figures: each loop gets about LOOP_TARGET_NS, so slow calls (python)
 * run hundreds of times and fast ones (rust) tens of thousands. Null without timed figures.
 */
function callsFor(run) {
    if (!run?.ffi || !run.ffi_loops || run.status !== 'ok')
        return null;
    const calls = Object.fromEntries(HOST_LOOPS.map(loop => [loop, UNCOUNTED_CALLS]));
    for (const metric of FFI_METRICS) {
        const { loop, empty, kib } = FFI_METRIC_LOOPS[metric];
        const ns = medianOf(run.ffi[metric]) * kib + medianOf(run.ffi_loops[empty]);
        if (!Number.isFinite(ns))
            return null;
        calls[loop] = Math.min(MAX_CALLS, Math.max(MIN_CALLS, Math.round(LOOP_TARGET_NS / Math.max(ns, 1))));
    }
    return calls;
}
/** The host's `--calls` value: every loop named, the doubled figure's loop twice. */
function callsArg(calls, doubled) {
    const twice = doubled ? FFI_METRIC_LOOPS[doubled].loop : null;
    return HOST_LOOPS.map(loop => `${loop}=${calls[loop] * (loop === twice ? 2 : 1)}`).join(',');
}
/** The workload runs of a count: `runs` per host and revision. They need no timed figure, so they run first. */
function workloadJobs(revisions, runs) {
    return revisions.flatMap(({ hosts }, revision) => hosts.flatMap(host => Array.from({ length: runs }, (_, run) => ({ revision, host, run, kind: 'workload' }))));
}
/** One ffi set per host and revision with call counts: the set's base run, then one run per doubled figure. */
function ffiSetJobs(revisions, calls) {
    return revisions.flatMap(({ hosts }, revision) => hosts.flatMap(host => {
        const hostCalls = calls.get(host);
        if (!hostCalls)
            return [];
        return [null, ...FFI_METRICS].map((doubled) => ({ revision, host, run: 0, kind: 'ffi', doubled, calls: hostCalls }));
    }));
}
/** Processes in one ffi set. */
const FFI_SET_SIZE = 1 + FFI_METRICS.length;
/** One revision's counts per host from the jobs' results (a count, or why the process failed). */
function collectCounts(jobs, results, revision) {
    const counts = new Map();
    const sets = new Map();
    jobs.forEach((job, i) => {
        if (job.revision !== revision)
            return;
        const entry = counts.get(job.host) ?? { workload: [], per_call: null };
        counts.set(job.host, entry);
        const result = results[i];
        if (result instanceof Error) {
            entry.error ??= `${job.kind} run under valgrind: ${result.message}`;
        }
        else if (job.kind === 'workload') {
            entry.workload.push(result);
        }
        else {
            const set = sets.get(job.host) ?? { calls: job.calls, counts: new Map() };
            sets.set(job.host, set);
            set.counts.set(job.doubled, result);
        }
    });
    for (const [host, set] of sets)
        counts.get(host).per_call = perCallOf(set.calls, set.counts);
    return counts;
}
/** Instructions per call of each figure from a complete set: the doubled run less the base, over the calls added. */
function perCallOf(calls, counts) {
    const base = counts.get(null);
    if (base === undefined || FFI_METRICS.some(metric => !counts.has(metric)))
        return null;
    return Object.fromEntries(FFI_METRICS.map(metric => {
        const { loop, kib } = FFI_METRIC_LOOPS[metric];
        return [metric, [(counts.get(metric) - base) / calls[loop] / kib]];
    }));
}

// Runs the counted processes (plan.ts) under cachegrind. Counts do not depend on the machine's load, so they run
// in parallel, one per core; every process gets the host's repeatable argv and environment (host-registry.ts).
// A same build's count is the base's by construction: it is counted only when the results become the baseline.
/** wasmtime compiles on rayon's threads; on one thread its work, and so its count, is the same in every run. */
const COUNTED_ENV = { RAYON_NUM_THREADS: '1' };
const NOT_COUNTED_SAME_BUILD = 'the same build in both revisions, unchanged by construction (every host is counted when the results become the baseline)';
/** The hosts each revision counts: a same build once (the head's), or not at all without `countSameBuilds`. */
function countedHosts(builds, sameBuild, countSameBuilds) {
    const counted = (name, revision) => !sameBuild.has(name) || (countSameBuilds && revision === 0);
    return builds.map((build, revision) => ({ hosts: build.hosts.map(h => h.name).filter(name => counted(name, revision)) }));
}
/**
 * The counts of one run, in two parts: the workload runs before the timed rounds, and the ffi sets after them,
 * at call counts from the head's timed per-call figures. The workload runs' pace says what the ffi sets will take,
 * so the timed rounds can leave them their share of the time budget.
 */
class InstructionCount {
    builds;
    config;
    opts;
    revisions;
    /** the hosts with instructions per call (not node: see host-registry.ts) */
    perCall;
    jobs = [];
    results = [];
    parallel;
    seconds = 0;
    processSeconds = 0;
    constructor(builds, config, opts) {
        this.builds = builds;
        this.config = config;
        this.opts = opts;
        this.revisions = countedHosts(builds, opts.sameBuild, opts.countSameBuilds);
        this.perCall = new Set(builds[0].hosts.filter(host => host.counted.perCall).map(host => host.name));
        this.parallel = Math.max(1, opts.parallel ?? availableParallelism());
        mkdirSync(opts.workDir, { recursive: true });
    }
    /** Seconds spent counting so far. */
    get secondsSpent() {
        return this.seconds;
    }
    async countWorkloads() {
        await this.countJobs(workloadJobs(this.revisions, this.opts.runs), 'workload');
    }
    /** What the ffi sets will take at the workload runs' pace: every host with ffi figures, one set per revision. */
    secondsAhead() {
        if (!this.config.ffi || this.jobs.length === 0)
            return 0;
        const sets = this.revisions.reduce((n, { hosts }) => n + hosts.filter(name => this.perCall.has(name)).length, 0);
        return (Math.ceil((sets * FFI_SET_SIZE) / this.parallel) * this.processSeconds) / this.jobs.length;
    }
    /** The ffi sets; `timed` (the head's timed runs) sets their call counts. */
    async countFfiSets(timed) {
        if (!this.config.ffi)
            return;
        const calls = new Map();
        for (const run of timed) {
            const hostCalls = this.perCall.has(run.name) ? callsFor(run) : null;
            if (hostCalls)
                calls.set(run.name, hostCalls);
        }
        await this.countJobs(ffiSetJobs(this.revisions, calls), 'ffi');
    }
    result() {
        const counts = this.builds.map((_, revision) => collectCounts(this.jobs, this.results, revision));
        // A same build counted once (the head's) keeps that count for the base too; one not counted has none.
        for (const name of this.opts.sameBuild) {
            const head = counts[0].get(name);
            if (head)
                for (const other of counts.slice(1))
                    other.set(name, structuredClone(head));
        }
        const skipped = this.opts.countSameBuilds ? [] : this.builds[0].hosts.map(h => h.name).filter(name => this.opts.sameBuild.has(name));
        return {
            counts,
            info: {
                counter: `${this.opts.counter.version} cachegrind`,
                note: skipped.length > 0 ? `${skipped.join(', ')}: ${NOT_COUNTED_SAME_BUILD}` : null,
                runs: this.opts.runs,
                processes: this.jobs.length,
                parallel: Math.min(this.parallel, Math.max(1, this.jobs.length)),
                seconds: this.seconds,
                process_seconds: this.processSeconds
            }
        };
    }
    /** Runs `jobs` one per core (a count does not depend on the machine's load). */
    async countJobs(jobs, what) {
        if (jobs.length === 0)
            return;
        const started = performance.now();
        const offset = this.jobs.length;
        this.jobs.push(...jobs);
        const parallel = Math.min(this.parallel, jobs.length);
        this.opts.log(`instructions: ${jobs.length} ${what} runs under ${this.opts.counter.version} cachegrind, ${parallel} at a time`);
        let next = 0;
        let done = 0;
        const worker = async () => {
            while (next < jobs.length) {
                const i = offset + next++;
                const t0 = performance.now();
                this.results[i] = await countOne(this.jobs[i], i, this.builds[this.jobs[i].revision], this.config, this.opts);
                this.processSeconds += (performance.now() - t0) / 1000;
                if (++done % 10 === 0 || done === jobs.length)
                    this.opts.log(`instructions: ${done}/${jobs.length} ${what} runs counted`);
            }
        };
        await Promise.all(Array.from({ length: parallel }, worker));
        this.seconds += (performance.now() - started) / 1000;
    }
}
function argvOf(job, host, build, config, reportFile) {
    if (job.kind === 'workload')
        return host.workloadArgv(build.guest.workload, reportFile, config.guest_args);
    return [...host.ffiArgv(build.guest.ffi, reportFile), '--calls', callsArg(job.calls, job.doubled)];
}
async function countOne(job, index, build, config, opts) {
    const host = build.hosts.find(h => h.name === job.host);
    const outFile = path.join(opts.workDir, `count-${index}.out`);
    const reportFile = path.join(opts.workDir, `count-${index}.jsonl`);
    const argv = cachegrindArgv(opts.counter, outFile, host.counted.argv(argvOf(job, host, build, config, reportFile)));
    const env = { ...opts.env, ...host.env, ...COUNTED_ENV, ...host.counted.env };
    try {
        const run = await timedRun(argv, { cwd: host.cwd, env, timeoutMs: opts.timeoutMs });
        const failure = failureReason(run, opts.timeoutMs);
        if (failure)
            return new Error(failure);
        return parseCachegrindOut(readFileSync(outFile, 'utf8'));
    }
    catch (error) {
        return error;
    }
    finally {
        rmSync(outFile, { force: true });
        rmSync(reportFile, { force: true });
    }
}

// The instruction-count stage of the pipeline: find the counter (or say in one line why there is none), count each
// revision's hosts (the workload runs before the timed rounds, the ffi sets after them), and hand the counts to the
// timed runs they belong to.
/** Finds the counter (or says in one line why there is none) and counts the workload runs, before the timed rounds. */
async function startCounting(builds, config, opts) {
    const lookup = await findCounter(opts.settings.mode, {
        platform: process.platform,
        env: opts.env,
        onRunner: opts.mayInstall,
        log: opts.log
    });
    if ('note' in lookup)
        return { seconds: 0, pending: false, finish: async () => notCounted(lookup.note) };
    const count = new InstructionCount(builds, config, {
        counter: lookup.counter,
        workDir: path.join(opts.workDir, 'instructions'),
        env: opts.env,
        timeoutMs: opts.timeoutMs,
        runs: opts.settings.runs,
        sameBuild: opts.sameBuild,
        countSameBuilds: opts.countSameBuilds,
        log: opts.log
    });
    await count.countWorkloads();
    return {
        seconds: count.secondsSpent + count.secondsAhead(),
        pending: config.ffi,
        finish: async (runs) => {
            await count.countFfiSets(runs[0]);
            const counted = count.result();
            runs.forEach((revisionRuns, i) => {
                for (const run of revisionRuns)
                    if (run.status === 'ok')
                        run.instructions = counted.counts[i].get(run.name) ?? null;
            });
            return counted.info;
        }
    };
}
const notCounted = (note) => ({
    counter: null,
    note,
    runs: 0,
    processes: 0,
    parallel: 0,
    seconds: 0,
    process_seconds: 0
});

// Turns raw input strings (action inputs or CLI flags, both kebab-case) into a validated Config.
// Every error names the input and what it allows, so the entries can print it without a stack trace.
const MODES = ['run', 'report'];
const COMMENT_MODES = ['always', 'on-regression', 'never'];
const SAVE_BASELINE_MODES = ['auto', 'always', 'never'];
const COMPARE_MODES = ['auto', 'baseline', 'none'];
class InputError extends Error {
    input;
    constructor(input, message) {
        super(`Input "${input}" ${message}`);
        this.input = input;
        this.name = 'InputError';
    }
}
/** Raw strings (action inputs or CLI flags) -> Config; `where` picks the defaults of the action or the CLI. */
function parseConfig(raw, where = 'action') {
    const get = (name) => (raw[name] ?? '').trim() || inputDefault(name, where);
    const hosts = parseHostList('hosts', get('hosts'));
    if (hosts.length === 0)
        throw new InputError('hosts', `must name at least one of ${HOST_NAMES.join(', ')}`);
    return {
        mode: parseChoice('mode', get('mode'), MODES),
        measure: parseMeasure(get, hosts),
        gate: {
            threshold: parsePercent('threshold', get('threshold')),
            baseline_threshold: parsePercent('baseline-threshold', get('baseline-threshold')),
            instructions_threshold: parsePercent('instructions-threshold', get('instructions-threshold')),
            alpha: parseNumber('alpha', get('alpha'), Number.MIN_VALUE, 0.5, 'a probability greater than 0 and at most 0.5, e.g. 0.01'),
            groups: parseList('gate', get('gate'), GATE_GROUPS),
            optional_hosts: parseHostList('optional-hosts', get('optional-hosts')),
            fail_on_regression: parseBoolean('fail-on-regression', get('fail-on-regression')),
            fail_on_inconclusive: parseBoolean('fail-on-inconclusive', get('fail-on-inconclusive'))
        },
        timeoutMinutes: parseNumber('timeout-minutes', get('timeout-minutes'), Number.MIN_VALUE, 360, 'a number of minutes greater than 0 and at most 360'),
        compare: parseChoice('compare', get('compare'), COMPARE_MODES),
        timeBudgetMinutes: parseNumber('time-budget-minutes', get('time-budget-minutes'), Number.MIN_VALUE, 360, 'a number of minutes greater than 0 and at most 360'),
        comment: parseChoice('comment', get('comment'), COMMENT_MODES),
        saveBaseline: parseChoice('save-baseline', get('save-baseline'), SAVE_BASELINE_MODES),
        baselineKeyPrefix: parseKeyPrefix(get('baseline-key-prefix')),
        githubToken: raw['github-token']?.trim() ?? '',
        toolchains: where === 'cli' ? TOOLCHAINS_FROM_PATH : parseToolchains(get),
        instructions: {
            mode: parseChoice('instructions', get('instructions'), INSTRUCTIONS_MODES),
            runs: parseInteger('instruction-runs', get('instruction-runs'), 1, 20)
        }
    };
}
function parseToolchains(get) {
    return {
        go: {
            version: parseToolchainVersion('go-version', get('go-version'), GO_VERSION),
            source: parseUrl('go-download-base-url', get('go-download-base-url'))
        },
        python: {
            version: parseToolchainVersion('python-version', get('python-version'), PYTHON_VERSION),
            source: parseUrl('python-mirror', get('python-mirror'))
        }
    };
}
/** FROM_PATH, or a version or semver range as setup-go and setup-python take them (1.26.8, 1.26, ^3.12, >=3.11 <3.14). */
function parseToolchainVersion(input, value, example) {
    if (value === FROM_PATH || (/^[0-9A-Za-z.*+~^<>=| -]{1,64}$/.test(value) && /\d/.test(value)))
        return value;
    const [major, minor] = example.split('.');
    throw new InputError(input, `must be "${FROM_PATH}" (the one on PATH) or a version such as ${example}, ${major}.${minor} or ^${major}.${minor}, got "${value}"`);
}
function parseUrl(input, value) {
    try {
        const url = new URL(value);
        if (url.protocol === 'https:' || url.protocol === 'http:')
            return value.replace(/\/+$/, '');
    }
    catch {
        // reported below
    }
    throw new InputError(input, `must be an http(s) URL, got "${value}"`);
}
function parseMeasure(get, hosts) {
    const guest = get('guest') || null;
    const wasm = get('wasm') || null;
    if (guest && !existsSync(path.join(guest, 'Cargo.toml'))) {
        throw new InputError('guest', `must be a directory holding a Rust crate (Cargo.toml), got "${guest}"`);
    }
    if (wasm && !(existsSync(wasm) && statSync(wasm).isFile())) {
        throw new InputError('wasm', `must be the path of a .wasm command module, got "${wasm}" (file not found)`);
    }
    if (guest && wasm)
        throw new InputError('wasm', 'cannot be combined with "guest": give a guest crate or a prebuilt module, not both');
    const sizes = get('sizes')
        ? get('sizes')
            .split(',')
            .map(s => parseInteger('sizes', s.trim(), 1, 1_000_000_000))
        : [];
    if (sizes.length === 1)
        throw new InputError('sizes', 'needs at least two sizes to fit fixed and per-item cost, e.g. "10000,100000,999999"');
    return {
        hosts,
        iterations: parseInteger('iterations', get('iterations'), 1, 10_000),
        warmup: parseInteger('warmup', get('warmup'), 0, 1_000),
        guest,
        wasm,
        guest_args: splitArgs(get('guest-args')),
        ffi: parseBoolean('ffi', get('ffi')),
        sizes
    };
}
function parseList(input, value, allowed) {
    const items = value.split(/[\s,]+/).filter(Boolean);
    for (const item of items)
        parseChoice(input, item, allowed);
    return [...new Set(items)];
}
function parseHostList(input, value) {
    const names = value.split(/[\s,]+/).filter(Boolean);
    for (const name of names) {
        if (!isHostName(name))
            throw new InputError(input, `has unknown host "${name}": allowed values are ${HOST_NAMES.join(', ')}`);
    }
    return [...new Set(names)];
}
function parseChoice(input, value, allowed) {
    if (allowed.includes(value))
        return value;
    throw new InputError(input, `must be one of ${allowed.join(', ')}, got "${value}"`);
}
function parseInteger(input, value, min, max) {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        throw new InputError(input, `must be a whole number from ${min} to ${max}, got "${value}"`);
    }
    return Number(value);
}
function parseNumber(input, value, min, max, allowed) {
    const n = Number(value);
    if (value === '' || !Number.isFinite(n) || n < min || n > max) {
        throw new InputError(input, `must be ${allowed}, got "${value}"`);
    }
    return n;
}
function parsePercent(input, value) {
    return parseNumber(input, value, 0, 1000, 'a percentage between 0 and 1000, e.g. 3') / 100;
}
function parseBoolean(input, value) {
    if (/^(true|yes|1)$/i.test(value))
        return true;
    if (/^(false|no|0)$/i.test(value))
        return false;
    throw new InputError(input, `must be true or false, got "${value}"`);
}
function parseKeyPrefix(value) {
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(value)) {
        throw new InputError('baseline-key-prefix', `must be 1-64 letters, digits, ".", "_" or "-", got "${value}"`);
    }
    return value;
}
/** Splits guest arguments on whitespace; they are passed as an argument array and never reach a shell. */
function splitArgs(value) {
    return value.split(/\s+/).filter(Boolean);
}

const NOTE_NOT_GATED = 'its group is not in the gate input';
/** A same-job comparison of programs that did not change (measure/same-build.ts): known without a test. */
const NOTE_SAME_BUILD = 'the same build in both revisions: unchanged by construction';
const NOTE_OTHER_CPU = 'baseline from another CPU model: shown, not gated';
/** The stored baseline beside a same-job comparison: context, never gating. */
const NOTE_CONTEXT = 'cached baseline: context, not gated';
/** Whether a comparison of this metric gates: its group is switched on and, for absolute times, the CPU is the same. */
function gateOf(metric, gate, sameCpu) {
    const group = METRICS[metric].group;
    if (group === null || !gate.groups.includes(group))
        return { gating: false, note: NOTE_NOT_GATED };
    // Absolute times from another CPU model say nothing about the change; overhead ratios do (docs/design.md, "Analysis").
    if (isAbsolute(metric) && !sameCpu)
        return { gating: false, note: NOTE_OTHER_CPU };
    return { gating: true };
}
const isRequiredFailure = (host) => host.status === 'failed' && !host.optional;
/** One run's verdict: 'error' if a required host failed, else 'regression' if a gating comparison regressed. */
function runVerdict(results) {
    if (results.hosts.some(isRequiredFailure))
        return 'error';
    if (results.comparisons.some(c => c.gating && c.verdict === 'regression'))
        return 'regression';
    return 'pass';
}
/**
 * A run's status, worst last: the headline, the `verdict` output and the job summary all say this.
 * `pass` needs every gating comparison decided "no regression"; a run that compared nothing is `baseline` when it
 * recorded the baseline and `inconclusive` otherwise, never `pass`.
 */
const RUN_STATUSES = ['pass', 'baseline', 'inconclusive', 'regression', 'error'];
function runStatus(results) {
    if (results.verdict === 'error' || results.hosts.some(isRequiredFailure))
        return 'error';
    const gating = results.comparisons.filter(c => c.gating);
    if (gating.some(c => c.verdict === 'regression'))
        return 'regression';
    if (results.compared_with.kind === 'none')
        return results.baseline_saved ? 'baseline' : 'inconclusive';
    if (gating.length === 0 || gating.some(c => c.verdict === 'inconclusive'))
        return 'inconclusive';
    return 'pass';
}
/** The worst of the runs' statuses; no runs at all is an error. */
function worstStatus(statuses) {
    if (statuses.length === 0)
        return 'error';
    return statuses.reduce((worst, s) => (RUN_STATUSES.indexOf(s) > RUN_STATUSES.indexOf(worst) ? s : worst));
}
/**
 * The gate over every OS's results: red on a failed required host, on a regression when asked to fail on one, and
 * on an inconclusive run (nothing compared included) only when asked to fail on that too.
 */
function judge(all, failOnRegression, failOnInconclusive = false) {
    const regressions = all.flatMap(run => run.comparisons.filter(c => c.gating && c.verdict === 'regression').map(comparison => ({ run, comparison })));
    const failedHosts = all.flatMap(run => run.hosts.filter(isRequiredFailure).map(host => ({ run, host })));
    const verdicts = all.map(run => run.verdict);
    const verdict = verdicts.includes('error') ? 'error' : verdicts.includes('regression') ? 'regression' : 'pass';
    const status = worstStatus(all.map(runStatus));
    const inconclusive = all.some(run => runStatus(run) === 'inconclusive');
    const fails = verdict === 'error' || (regressions.length > 0 && failOnRegression) || (inconclusive && failOnInconclusive);
    return { verdict, status, regressions, failedHosts, fails };
}

// Small, deterministic formatters shared by every report. A value that is missing or not finite prints as DASH,
// never as a made-up number.
const DASH = '—';
function isNumber(value) {
    return typeof value === 'number' && Number.isFinite(value);
}
/** Fixed decimals that shrink as the magnitude grows: 0.123, 1.23, 12.3, 123.4. */
function formatNumber(value) {
    if (!isNumber(value))
        return DASH;
    const magnitude = Math.abs(value);
    const decimals = magnitude === 0 ? 1 : magnitude < 1 ? 3 : magnitude < 10 ? 2 : 1;
    return value.toFixed(decimals);
}
/** "1.29×", "40×": a multiple, for figures that differ by orders of magnitude. */
function formatRatio(ratio) {
    return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×`;
}
/** "65.2 ms" */
function formatMs(value) {
    return isNumber(value) ? `${formatNumber(value)} ms` : DASH;
}
/** "12.3 ns" */
function formatNs(value) {
    return isNumber(value) ? `${formatNumber(value)} ns` : DASH;
}
/** An instruction count: "655.14 M", "8,612", "12.4". */
function formatCount(value) {
    if (!isNumber(value))
        return DASH;
    if (Math.abs(value) >= 1e7)
        return `${(value / 1e6).toFixed(2)} M`;
    return Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : formatNumber(value);
}
/** A relative change (0.051 = 5.1%) with its sign: "+5.1%", "-3.0%"; instruction counts take 2 decimals. */
function formatChange(fraction, decimals = 1) {
    if (!isNumber(fraction))
        return DASH;
    const percent = (fraction * 100).toFixed(decimals);
    // -0.04% rounds to "-0.0"; print it as "+0.0%" so equal values look equal
    if (Number(percent) === 0)
        return `+${(0).toFixed(decimals)}%`;
    return `${fraction > 0 ? '+' : ''}${percent}%`;
}
/** A confidence interval of relative changes: "[+1.2%, +8.0%]". */
function formatCi(ci, decimals = 1) {
    if (!ci || !isNumber(ci[0]) || !isNumber(ci[1]))
        return DASH;
    return `[${formatChange(ci[0], decimals)}, ${formatChange(ci[1], decimals)}]`;
}
/** A threshold as a reader writes it: 0.01 -> "1%", 0.005 -> "0.5%". */
function formatPercent(fraction) {
    return `${Number((fraction * 100).toFixed(2))}%`;
}
/** A range of relative changes as plain text: "+1.2% to +8.0%". */
function formatRange(ci, decimals = 1) {
    if (!ci || !isNumber(ci[0]) || !isNumber(ci[1]))
        return DASH;
    return `${formatChange(ci[0], decimals)} to ${formatChange(ci[1], decimals)}`;
}
/** A p-value: "0.012", "<0.001". */
function formatP(p) {
    if (!isNumber(p))
        return DASH;
    return p < 0.001 ? '<0.001' : p.toFixed(3);
}
/** A p-value in running text: "p=0.012", "p<0.001". */
function formatPInline(p) {
    const text = formatP(p);
    return text.startsWith('<') ? `p${text}` : `p=${text}`;
}
const VERDICT_SYMBOLS = {
    regression: '❌ regression',
    improvement: '🟢 improvement',
    '~': '~',
    inconclusive: '⏳ inconclusive'
};
/** "❌ regression", "🟢 improvement", "~", "⏳ inconclusive" */
function formatVerdict(verdict) {
    return VERDICT_SYMBOLS[verdict];
}
// Control characters (ANSI escapes included), line and paragraph separators, and the bidirectional overrides
// that reorder what a reader sees.
const INVISIBLE = /[\p{Cc}\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/gu;
// An absolute path (/home/..., C:\\..., ~/...) names the runner's or the user's machine: a report keeps its last part.
// Not after a word, a dot or a slash, so units (ns/KiB), relative paths and URLs stay as they are.
const ABSOLUTE_PATH = /(?<![\w.:/\\~-])(?:[A-Za-z]:[\\/]|~?\/)(?:[^\s/\\'"`()[\]<>|,;]+[/\\])+([^\s/\\'"`()[\]<>|,;]*)/g;
/** Text with every absolute path cut to its last part: "/root/.cache/x/y.wasm" -> "…/y.wasm". */
function hidePaths(text) {
    return text.replace(ABSOLUTE_PATH, (_, last) => `…/${last}`);
}
/** Free text from data as one bounded line: no control characters, no line breaks, no absolute paths. */
function oneLine(text, maxLength) {
    const line = hidePaths(String(text).replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim());
    return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}
/** Makes free text safe inside a terminal table cell: one line, no column breaks, bounded length. */
function escapeCell(text, maxLength = 200) {
    return oneLine(text, maxLength).replace(/\|/g, '\\|');
}
// Every character that can open inline markdown: escapes, code, emphasis, strikethrough, links and images,
// raw HTML and comments, entities, table cells, math.
const INLINE_SYNTAX = /[\\`*_~[\]<>&|$!]/g;
/**
 * The one escape for text from data (host errors, CPU model, versions, baseline source, anything read from
 * an artifact) shown in markdown: one bounded line in which nothing renders as markup. GitHub links
 * @mentions, #123 and GH-123 after rendering, escapes or not, so a zero-width space breaks them; URLs and
 * www. lose their autolink through an escaped ':' or '.'.
 */
function escapeMarkdown(text, maxLength = 200) {
    return oneLine(text, maxLength)
        .replace(INLINE_SYNTAX, '\\$&')
        .replace(/:\/\//g, '\\://')
        .replace(/\b(www)\./gi, '$1\\.')
        .replace(/[@#]/g, '$&\u200b')
        .replace(/\b(gh)-(?=\d)/gi, '$1\u200b-');
}
/** Text from data for the given target: escaped markdown, or one bounded terminal line. */
function showText(text, target, maxLength = 200) {
    return target === 'markdown' ? escapeMarkdown(text, maxLength) : escapeCell(text, maxLength);
}
/** Width of a string in terminal columns: emoji take two, combining marks and variation selectors none. */
function terminalWidth(text) {
    let width = 0;
    for (const char of text) {
        if (/[\u0300-\u036f\ufe00-\ufe0f\u200d]/u.test(char))
            continue;
        width += /\p{Extended_Pictographic}/u.test(char) && char.codePointAt(0) > 0xff ? 2 : 1;
    }
    return width;
}
/** "48 s", "2.1 min" */
function formatSeconds(seconds) {
    return seconds < 90 ? `${Math.round(seconds)} s` : `${(seconds / 60).toFixed(1)} min`;
}

// What the reports know about metric names: labels, units, and which comparison answers which column.
/** A metric name as people read it: "export_noop_ns" -> "export noop". */
function metricLabel(metric) {
    return METRICS[metric]?.label ?? String(metric).replace(/[._]/g, ' ');
}
/** A compared metric as a reviewer reads it: "overhead vs wasmtime CLI", "export noop per call". */
function readableMetric(metric) {
    if (metric === 'overhead')
        return `overhead vs ${ROLE_LABELS.overheadReference}`;
    if (FFI_METRICS.includes(metric))
        return `${metricLabel(metric)} per call`;
    return metricLabel(metric);
}
/** A same-job comparison of a program that did not change: zero by construction. */
const isSameBuild = (comparison) => comparison.note?.includes(NOTE_SAME_BUILD) ?? false;
/** Instruction counts are decided by the range of their run ratios, not by an interval at a confidence level. */
function isCountMetric(metric) {
    const group = METRICS[metric]?.group;
    return group === 'instructions' || group === 'per-call-instructions';
}
/** A compared value in its unit; an overhead is compared as the ratio host / native: "1.327×". */
function formatMetricValue(metric, value) {
    switch (METRICS[metric]?.unit) {
        case 'ratio':
            return Number.isFinite(value) ? `${value.toFixed(3)}×` : DASH;
        case 'ms':
            return formatMs(value);
        case 'ns/KiB':
            return `${formatNs(value)}/KiB`;
        case 'ns':
            return formatNs(value);
        case 'instructions':
            return formatCount(value);
        case 'instructions/KiB':
            return `${formatCount(value)}/KiB`;
        default:
            return formatNumber(value);
    }
}
function comparisonsOf(results, host) {
    return results.comparisons.filter(comparison => comparison.host === host);
}
/** A host's comparison of one metric, if the analysis made one. */
function comparisonOf(results, host, metric) {
    return comparisonsOf(results, host).find(comparison => comparison.metric === metric);
}
/** "Linux x64" */
function runnerLabel(results) {
    return `${results.runner.os} ${results.runner.arch}`;
}
/** "linux-x64": the prefix of exported benchmark names. */
function runnerSlug(results) {
    return `${results.runner.os}-${results.runner.arch}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}
function okHosts(results) {
    return results.hosts.filter(host => host.status === 'ok');
}
function runtimeLabel(host) {
    return host.version ? `${host.runtime} ${host.version}` : host.runtime || DASH;
}
/** Runs in a stable order: by OS, then architecture. */
function sortRuns(all) {
    return [...all].sort((a, b) => runnerLabel(a).localeCompare(runnerLabel(b), 'en'));
}

// Results for the neighbours: github-action-benchmark's `customSmallerIsBetter` JSON and Bencher's BMF JSON.
// Both carry the same benchmarks, named "<os>-<arch> <host> <metric>", e.g. "linux-x64 go workload wall".
// Failed hosts and figures a host cannot give (null) are left out, never made up.
const MS_TO_NS = 1e6;
/** Six significant digits: enough for any timing, short enough to read. */
function short(value) {
    return Number(value.toPrecision(6));
}
function statsFigure(name, unit, stats, context) {
    const summary = `median of ${stats.n}; mean ${short(stats.mean)}, sd ${short(stats.sd)}, ` + `min ${short(stats.min)}, max ${short(stats.max)}`;
    return {
        name,
        unit,
        value: stats.median,
        ci95: stats.ci95,
        extra: `${summary}\n${context}`,
        measure: 'latency',
        toMeasure: unit === 'ms' ? MS_TO_NS : 1
    };
}
/** An instruction count (valgrind's cachegrind): Bencher's `instructions` measure, as its Iai adapters name it. */
function countFigure(name, unit, stats, context) {
    return { ...statsFigure(name, unit, stats, `${context}; counted by valgrind`), measure: 'instructions', toMeasure: 1 };
}
/** Per-call figures as exported: "ffi export noop" in ns/call, "ffi memory copy" in ns/KiB (from the vocabulary). */
const FFI_FIGURES = FFI_METRICS.map(key => {
    const { label, unit } = METRICS[key];
    return { key, metric: `ffi ${label}`, unit: unit === 'ns' ? 'ns/call' : unit };
});
function hostFigures(host, prefix) {
    const figures = [];
    const name = `${prefix} ${host.name}`;
    const context = runtimeLabel(host);
    const { wall_ms, phases_ms, overhead_vs_native, cpu_ms } = host.workload;
    if (wall_ms)
        figures.push(statsFigure(`${name} workload wall`, 'ms', wall_ms, context));
    if (cpu_ms) {
        figures.push(statsFigure(`${name} workload user CPU`, 'ms', cpu_ms.user, context));
        figures.push(statsFigure(`${name} workload system CPU`, 'ms', cpu_ms.system, context));
    }
    if (overhead_vs_native) {
        figures.push({
            name: `${name} overhead vs native`,
            unit: '%',
            value: overhead_vs_native.median * 100,
            ci95: [overhead_vs_native.ci95[0] * 100, overhead_vs_native.ci95[1] * 100],
            extra: `host wall time / native wall time - 1, paired per round\n${context}`,
            measure: 'overhead-vs-native',
            toMeasure: 1
        });
    }
    for (const phase of PHASES) {
        const stats = phases_ms[phase];
        if (stats)
            figures.push(statsFigure(`${name} phase ${phase}`, 'ms', stats, context));
    }
    for (const { key, metric, unit } of FFI_FIGURES) {
        const stats = host.ffi[key];
        if (stats)
            figures.push(statsFigure(`${name} ${metric}`, unit, stats, context));
    }
    for (const loop of FFI_LOOP_NAMES) {
        const stats = host.ffi_loops?.[loop];
        if (stats)
            figures.push(statsFigure(`${name} ffi ${FFI_LOOPS[loop]}`, 'ns/iteration', stats, `${context}; subtracted from the per-call figures`));
    }
    const counts = host.instructions;
    if (counts?.workload)
        figures.push(countFigure(`${name} workload instructions`, 'instructions', counts.workload, context));
    for (const { key, metric, unit } of FFI_FIGURES) {
        const stats = counts?.per_call?.[key];
        if (stats)
            figures.push(countFigure(`${name} ${metric} instructions`, unit.replace(/^ns/, 'instructions'), stats, context));
    }
    if (host.scaling) {
        const fit = host.scaling;
        const extra = `least-squares fit, R² ${short(fit.r2)}\n${context}`;
        const latency = { extra, measure: 'latency' };
        figures.push({ ...latency, name: `${name} scaling fixed`, unit: 'ms', value: fit.fixed_ms, toMeasure: MS_TO_NS });
        figures.push({ ...latency, name: `${name} scaling per item`, unit: 'ns', value: fit.per_item_ns, toMeasure: 1 });
    }
    return figures.filter(figure => Number.isFinite(figure.value));
}
function figures(results) {
    const prefix = runnerSlug(results);
    const all = okHosts(results).flatMap(host => hostFigures(host, prefix));
    const spawn = results.harness.spawn_ms;
    if (Number.isFinite(spawn.median)) {
        all.push(statsFigure(`${prefix} harness spawn`, 'ms', spawn, 'spawn of an empty process'));
    }
    return all;
}
function finiteCi(ci) {
    return ci !== undefined && Number.isFinite(ci[0]) && Number.isFinite(ci[1]);
}
/**
 * github-action-benchmark `tool: customSmallerIsBetter`: a JSON array of { name, unit, value, range?, extra? }
 * (README "customBiggerIsBetter and customSmallerIsBetter"; src/extract.ts BenchmarkResult).
 */
function toCustomSmallerIsBetter(results) {
    return figures(results).map(figure => {
        const entry = { name: figure.name, unit: figure.unit, value: figure.value };
        if (finiteCi(figure.ci95))
            entry.range = `95% CI ${short(figure.ci95[0])} to ${short(figure.ci95[1])}`;
        entry.extra = figure.extra;
        return entry;
    });
}
/**
 * Bencher Metric Format (https://bencher.dev/docs/reference/bencher-metric-format): benchmark name -> measure
 * slug -> { value, lower_value?, upper_value? }. Times use the built-in `latency` measure, whose unit is the
 * nanosecond, so milliseconds are converted; the overhead uses a custom `overhead-vs-native` measure in percent.
 * value is the median, lower and upper the 95% confidence interval of the median.
 */
function toBencherMetricFormat(results) {
    const bmf = {};
    for (const figure of figures(results)) {
        // toPrecision(15) drops the float noise of the unit conversion (64.9 ms -> 64900000 ns, not 64900000.00000001)
        const convert = (value) => (figure.toMeasure === 1 ? value : Number((value * figure.toMeasure).toPrecision(15)));
        const metric = { value: convert(figure.value) };
        if (finiteCi(figure.ci95)) {
            metric.lower_value = convert(Math.min(...figure.ci95));
            metric.upper_value = convert(Math.max(...figure.ci95));
        }
        bmf[figure.name] = { ...bmf[figure.name], [figure.measure]: metric };
    }
    return bmf;
}

// Writes the files a run leaves behind: results JSON, markdown, and the exports for neighbouring tools.
const EXPORT_SUFFIXES = ['.benchmark.json', '.bmf.json'];
/** The results file of one runner, as the run jobs upload it and the report job looks for it. */
function resultsFileName(runnerTag) {
    return `results-${runnerTag}.json`;
}
/** A results file among the downloaded artifacts (not one of its exports). */
function isResultsFile(file) {
    const name = path.basename(file);
    return /^results-.+\.json$/.test(name) && !EXPORT_SUFFIXES.some(suffix => name.endsWith(suffix));
}
/** Writes `text` to `file`, creating its folder; a failure comes back instead of ending the run. */
function tryWriteText(file, text) {
    try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
        return null;
    }
    catch (error) {
        return { file, message: error.message };
    }
}
/**
 * Exports sit next to the results JSON: `<name>.benchmark.json` (github-action-benchmark) and `<name>.bmf.json`
 * (Bencher). Each file is tried on its own; those that could not be written are listed in `failures`.
 */
function writeResultFiles(results, resultsFile) {
    const stem = resultsFile.replace(/\.json$/i, '');
    const files = { results: resultsFile, benchmark: `${stem}${EXPORT_SUFFIXES[0]}`, bmf: `${stem}${EXPORT_SUFFIXES[1]}` };
    const failures = [
        tryWriteText(files.results, `${JSON.stringify(results, null, 2)}\n`),
        tryWriteText(files.benchmark, `${JSON.stringify(toCustomSmallerIsBetter(results), null, 2)}\n`),
        tryWriteText(files.bmf, `${JSON.stringify(toBencherMetricFormat(results), null, 2)}\n`)
    ].filter((failure) => failure !== null);
    return { ...files, failures };
}
function writeText(file, text) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
}

/**
 * Saves the baseline first, so that the results and the report say whether it was recorded, then writes them.
 * Returns the results as written, the files, and those that could not be written (a full disk): the caller
 * reports them and still gates.
 */
async function finishRun(measured, opts) {
    let results = measured;
    if (opts.saveBaseline && measured.verdict !== 'error') {
        const saved = await opts.store.save(measured);
        if ('warning' in saved)
            opts.log.warning(`baseline not saved: ${saved.warning}`);
        else {
            opts.log.info(`baseline saved: ${saved.saved}${opts.saveNote ? ` (${opts.saveNote})` : ''}`);
            results = { ...measured, baseline_saved: true };
        }
    }
    const files = writeResultFiles(results, opts.resultsFile);
    const markdownFailure = tryWriteText(opts.markdownFile, opts.render(results));
    const failures = markdownFailure ? [...files.failures, markdownFailure] : files.failures;
    return { ...files, markdown: opts.markdownFile, failures, final: results };
}

// Instruction counts, head against base (docs/design.md, "Instruction counts"). A count is a deterministic quantity
// with a small jitter (valgrind counts every instruction; the hosts run with their repeatable settings), not a
// random sample from a noisy distribution, so no p-value: the change is decided by the range of every head/base
// ratio. A regression needs every head run above every base run by more than the threshold; "~" needs every
// ratio within it. Measured on 10 A/A runs here, the jitter stayed far below the threshold (docs/noise-study.md, "Instruction
// counts"), so a false regression needs a jitter never seen.
function countRange(head, base) {
    return {
        change: median([...head]) / median([...base]) - 1,
        range: [Math.min(...head) / Math.max(...base) - 1, Math.max(...head) / Math.min(...base) - 1]
    };
}
function countVerdict({ range: [lo, hi] }, threshold) {
    if (lo > threshold)
        return 'regression';
    if (hi < -threshold)
        return 'improvement';
    if (lo >= -threshold && hi <= threshold)
        return '~';
    return 'inconclusive';
}
/** Each compared count of a host: the workload's, then instructions per call of each ffi figure. */
function countPairs(head, base) {
    const h = head.instructions;
    const b = base.instructions;
    if (!h || !b)
        return [];
    const pairs = [
        ['instructions', h.workload, b.workload],
        ...FFI_METRICS.map(m => [instructionMetric(m), h.per_call?.[m], b.per_call?.[m]])
    ];
    return pairs.filter((p) => !!p[1] && !!p[2] && p[2].min > 0);
}
/** The instruction comparisons of the hosts both sides counted; `gateOf` says which gate. */
function compareCounts(head, base, threshold, gateOf) {
    const comparisons = [];
    for (const h of head) {
        const b = base.find(other => other.name === h.name && other.status === 'ok');
        if (h.status !== 'ok' || !b)
            continue;
        for (const [metric, cur, was] of countPairs(h, b)) {
            const measured = countRange(cur.samples, was.samples);
            comparisons.push({
                host: h.name,
                metric,
                unit: METRICS[metric].unit,
                baseline_median: was.median,
                current_median: cur.median,
                change: measured.change,
                ci95: measured.range,
                ci_level: 1,
                p: Number.NaN,
                n: Math.min(cur.n, was.n),
                verdict: countVerdict(measured, threshold),
                ...gateOf(h, metric)
            });
        }
    }
    return comparisons;
}

// Deterministic bootstrap helpers: the same inputs always give the same interval, so reports and tests are stable.
const BOOTSTRAP_RESAMPLES = 2000;
const BOOTSTRAP_SEED = 0x5eed;
/** mulberry32: a tiny seeded PRNG in [0, 1); Math.random cannot be seeded. */
function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
/** Equal-tailed percentile interval of bootstrap replicates. */
function percentileInterval(replicates, level = 0.95) {
    const sorted = numericSort(replicates.slice());
    const tail = (1 - level) / 2;
    return [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)];
}
/**
 * Two-sided bootstrap p-value of H0 "ratio = 1", the test dual to the percentile interval:
 * twice the smaller share of replicates on either side of 1, with the +1 correction so it is never 0.
 */
function bootstrapP(ratios) {
    const below = ratios.filter(r => r <= 1).length;
    const above = ratios.filter(r => r >= 1).length;
    return Math.min(1, (2 * (Math.min(below, above) + 1)) / (ratios.length + 1));
}
/**
 * 95% CI of median(current)/median(baseline) - 1: both sides resampled independently with replacement
 * (they come from different runs), percentile interval of the replicate ratios.
 */
function bootstrapChangeCi(current, baseline, resamples = BOOTSTRAP_RESAMPLES, seed = BOOTSTRAP_SEED) {
    const random = mulberry32(seed);
    const changes = [];
    for (let i = 0; i < resamples; i++) {
        const c = median(sampleWithReplacement(current, current.length, random));
        const b = median(sampleWithReplacement(baseline, baseline.length, random));
        changes.push(c / b - 1);
    }
    return percentileInterval(changes);
}

// Upper tail of the standard normal distribution, accurate to ~1e-14 relative.
// simple-statistics has only a 4-digit table (cumulativeStdNormalProbability) and an erf approximation
// good to ~1e-7, which is too coarse to match SciPy's p-values or to resolve small tail probabilities.
const SQRT_PI = Math.sqrt(Math.PI);
/** erfc(x) for x >= 0: Maclaurin series of erf below 2 (little cancellation there), continued fraction above. */
function erfcNonNegative(x) {
    if (x < 2) {
        // erf(x) = 2/√π · Σ (-1)^k x^(2k+1) / (k! (2k+1))
        const x2 = x * x;
        let term = x;
        let sum = x;
        for (let k = 1; k < 200; k++) {
            term *= -x2 / k;
            const add = term / (2 * k + 1);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum))
                break;
        }
        return 1 - (2 / SQRT_PI) * sum;
    }
    // erfc(x) = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), evaluated by the modified Lentz method.
    const tiny = 1e-300;
    let f = x;
    let c = x;
    let d = 0;
    for (let k = 1; k < 5000; k++) {
        const a = k / 2;
        d = x + a * d;
        d = d === 0 ? tiny : 1 / d;
        c = x + a / c;
        if (c === 0)
            c = tiny;
        const delta = c * d;
        f *= delta;
        if (Math.abs(delta - 1) < 1e-16)
            break;
    }
    return Math.exp(-x * x) / SQRT_PI / f;
}
/** Complementary error function. */
function erfc(x) {
    if (Number.isNaN(x))
        return NaN;
    if (x === Infinity)
        return 0;
    if (x === -Infinity)
        return 2;
    return x >= 0 ? erfcNonNegative(x) : 2 - erfcNonNegative(-x);
}
/** P(Z > z) for a standard normal Z (SciPy's norm.sf / ndtr(-z)). */
function normalSf(z) {
    return 0.5 * erfc(z / Math.SQRT2);
}
/** The z with P(Z > z) = p (SciPy's norm.isf): simple-statistics' probit as a start (~1e-3), then Newton steps. */
function normalIsf(p) {
    if (!(p > 0 && p < 1))
        throw new Error(`normalIsf: p must be in (0, 1), got ${p}`);
    let z = probit(1 - p);
    for (let i = 0; i < 8; i++) {
        const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        const step = (normalSf(z) - p) / density;
        z += step;
        if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z)))
            break;
    }
    return z;
}

// Two-sided Mann-Whitney U test, as scipy.stats.mannwhitneyu(x, y, alternative='two-sided',
// method='asymptotic', use_continuity=True): normal approximation with tie and continuity correction.
/** Σ (t³ - t) over the groups of tied values in the pooled sample. */
function tieTerm(pooled) {
    const sorted = numericSort(pooled.slice());
    let term = 0;
    let run = 1;
    for (let i = 1; i <= sorted.length; i++) {
        if (i < sorted.length && sorted[i] === sorted[i - 1]) {
            run++;
        }
        else {
            term += run * run * run - run;
            run = 1;
        }
    }
    return term;
}
function mannWhitneyU(x, y) {
    if (x.length === 0 || y.length === 0)
        throw new Error('mannWhitneyU: both samples must be non-empty');
    if ([...x, ...y].some(v => Number.isNaN(v)))
        throw new Error('mannWhitneyU: NaN in samples');
    const n1 = x.length;
    const n2 = y.length;
    const n = n1 + n2;
    // Ranks are averaged over ties, so the rank sum is a multiple of 1/2 and exact in floating point.
    const r1 = wilcoxonRankSum(x, y);
    const u1 = r1 - (n1 * (n1 + 1)) / 2;
    const u2 = n1 * n2 - u1;
    const u = Math.max(u1, u2);
    const mu = (n1 * n2) / 2;
    const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm([...x, ...y]) / (n * (n - 1))));
    // The continuity correction always subtracts 1/2 because the larger U goes into the upper tail.
    const numerator = u - mu - 0.5;
    // s = 0 only when every value is tied: no evidence of a difference (SciPy gets z = -inf, p = 1).
    const z = s > 0 ? numerator / s : numerator < 0 ? -Infinity : Infinity;
    const p = Math.min(1, Math.max(0, 2 * normalSf(z)));
    return { u: u1, p };
}

// time = fixed + per_item · size, fitted per host over the `sizes` runs (docs/design.md, "Measurement").
/**
 * Ordinary least squares over every (size, sample) pair rather than over per-size medians, so sizes with more
 * samples weigh more and r² reflects the real scatter. Needs at least two distinct sizes.
 */
function fitScaling(points) {
    const pairs = [];
    for (const p of points)
        for (const w of p.wall_ms)
            pairs.push([p.size, w]);
    const sizes = new Set(pairs.map(([s]) => s));
    if (sizes.size < 2)
        throw new Error('fitScaling: need samples at two or more distinct sizes');
    const line = linearRegression(pairs);
    return {
        fixed_ms: line.b,
        // slope is ms per item; 1 ms = 1e6 ns
        per_item_ns: line.m * 1e6,
        r2: rSquared(pairs, linearRegressionLine(line))
    };
}

// Descriptive statistics of one metric (docs/design.md, "Analysis"): location, spread, a distribution-free CI of the median.
/** Scale that makes the MAD a consistent estimator of σ for normal data. */
const MAD_TO_SD = 1.4826;
/** Samples further than this many (scaled) MADs from the median count as outliers. */
const OUTLIER_MADS = 3;
/**
 * 1-based rank l of the order statistics [x_(l), x_(n+1-l)] that cover the median with at least 95% probability.
 * The number of samples below the true median is Binomial(n, 1/2), so coverage = 1 - 2·P(B ≤ l-1); we take
 * the largest l that keeps coverage ≥ 95%. For n < 6 even [min, max] covers less than 95%, and l = 1 is returned.
 */
function medianCiRank(n, level = 0.95) {
    if (n < 2)
        return 1;
    const pmf = binomialDistribution(n, 0.5);
    if (!pmf)
        throw new Error(`binomial distribution unavailable for n=${n}`);
    const alphaHalf = (1 - level) / 2;
    let cdf = 0;
    let l = 1;
    // cdf = P(B ≤ k); rank l = k + 1 is valid while that tail stays within α/2.
    for (let k = 0; k < n; k++) {
        cdf += pmf[k] ?? 0;
        if (cdf > alphaHalf)
            break;
        l = k + 1;
    }
    return Math.min(l, Math.ceil(n / 2));
}
/** 95% CI of the median of `samples` by order statistics; [min, max] when n is too small for 95%. */
function medianCi(samples) {
    const sorted = numericSort(samples.slice());
    const l = medianCiRank(sorted.length);
    return [sorted[l - 1], sorted[sorted.length - l]];
}
/** Full descriptive statistics, keeping the raw samples. Throws on an empty sample (no made-up numbers). */
function describe(samples) {
    if (samples.length === 0)
        throw new Error('describe: no samples');
    if (samples.some(x => !Number.isFinite(x)))
        throw new Error('describe: non-finite sample');
    const n = samples.length;
    const med = median(samples);
    const mad = medianAbsoluteDeviation(samples);
    const fence = OUTLIER_MADS * MAD_TO_SD * mad;
    return {
        samples: samples.slice(),
        n,
        mean: mean(samples),
        median: med,
        min: min(samples),
        max: max(samples),
        sd: n < 2 ? 0 : sampleStandardDeviation(samples),
        mad,
        ci95: medianCi(samples),
        outliers: samples.filter(x => Math.abs(x - med) > fence).length
    };
}
/** `describe`, or null when there is nothing to describe (a figure a host cannot give). */
function describeOrNull(samples) {
    return samples && samples.length > 0 ? describe(samples) : null;
}
/**
 * Per-round ratios host/reference over the rounds both ran. Every host runs from the first measured round, and a
 * same build leaves the rounds after the first look (measure/runner.ts), so the shorter series holds the first rounds.
 */
function pairedRatios(host, reference) {
    const rounds = Math.min(host.length, reference.length);
    if (rounds === 0)
        throw new Error('paired samples are empty');
    return host.slice(0, rounds).map((h, i) => h / reference[i]);
}
/**
 * Paired overhead: per round host/reference (same round, so machine drift cancels), reported as
 * median ratio - 1 with the order-statistics CI of that median, also minus one.
 */
function pairedRatio(host, reference) {
    const ratios = pairedRatios(host, reference);
    const [lo, hi] = medianCi(ratios);
    return { median: median(ratios) - 1, ci95: [lo - 1, hi - 1] };
}
/** value/reference - 1, or null when either is missing or the reference is not positive. */
function relativeTo(value, reference) {
    if (value == null || reference == null || !(reference > 0))
        return null;
    return value / reference - 1;
}

// Comparison with the baseline (docs/design.md, "Analysis"): relative change of the median, its bootstrap CI, a
// Mann-Whitney p-value, and a benchstat-like verdict that needs both significance and size.
const NOTE_OTHER_CONFIG = 'baseline measured with a different configuration';
/** A host measured now that the baseline lacks (absent there, or failed) is named, never skipped silently. */
function noteMissingHosts(names) {
    if (names.length === 0)
        return null;
    const list = names.join(', ');
    return `the baseline has no results for ${list} (absent or failed there): ${names.length === 1 ? 'it is' : 'they are'} not compared or gated against it`;
}
function verdictFor(change, p, opts) {
    if (p < opts.alpha && change > opts.threshold)
        return 'regression';
    if (p < opts.alpha && change < -opts.threshold)
        return 'improvement';
    return '~';
}
/** Change of the median with bootstrap CI and Mann-Whitney p, for two independent sets of samples. */
function compareSamples(current, baseline, opts) {
    const baselineMedian = median(baseline);
    const currentMedian = median(current);
    const change = currentMedian / baselineMedian - 1;
    const { p } = mannWhitneyU(current, baseline);
    return {
        baseline_median: baselineMedian,
        current_median: currentMedian,
        change,
        ci95: bootstrapChangeCi(current, baseline),
        p,
        verdict: verdictFor(change, p, opts)
    };
}
/**
 * Scaling compares fitted values, which no rank test sees directly. We bootstrap the fit itself (resample the
 * samples within each size, refit both sides) and take the percentile CI and the dual bootstrap p-value of the
 * ratio current/baseline: CI and p then describe the same quantity as the change.
 */
function compareScaling(current, baseline, opts) {
    const cur = fitScaling(current);
    const base = fitScaling(baseline);
    const random = mulberry32(BOOTSTRAP_SEED);
    const resample = (points) => points.map(pt => ({ size: pt.size, wall_ms: sampleWithReplacement(pt.wall_ms, pt.wall_ms.length, random) }));
    const fixed = [];
    const perItem = [];
    for (let i = 0; i < BOOTSTRAP_RESAMPLES; i++) {
        const c = fitScaling(resample(current));
        const b = fitScaling(resample(baseline));
        fixed.push(c.fixed_ms / b.fixed_ms);
        perItem.push(c.per_item_ns / b.per_item_ns);
    }
    const measure = (c, b, ratios) => {
        // A ratio to a fitted value at or below zero (noise around a tiny cost) means nothing.
        if (!(b > 0) || ratios.some(r => !Number.isFinite(r)))
            return null;
        const change = c / b - 1;
        const p = bootstrapP(ratios);
        const [lo, hi] = percentileInterval(ratios);
        return { baseline_median: b, current_median: c, change, ci95: [lo - 1, hi - 1], p, verdict: verdictFor(change, p, opts) };
    };
    return {
        fixed_ms: measure(cur.fixed_ms, base.fixed_ms, fixed),
        per_item_ns: measure(cur.per_item_ns, base.per_item_ns, perItem)
    };
}
const okHost = (r, name) => r.hosts.find(h => h.name === name && h.status === 'ok');
function overheadSamples(r, host) {
    const native = okHost(r, ROLES.overheadReference)?.workload.wall_ms;
    const wall = host.workload.wall_ms;
    if (!native || !wall)
        return null;
    return pairedRatios(wall.samples, native.samples);
}
const NOTE_OTHER_COUNTER = 'counted by another valgrind: shown, not gated';
const NOTE_OTHER_TOOLCHAIN = 'another toolchain: shown, not gated';
/** Counts survive a change of machine, not of toolchain or counter: those are shown only. */
function countGate(current, baseline, toolchains) {
    return (host, metric) => {
        const gate = gateOf(metric, current.gate, true);
        if (!gate.gating)
            return gate;
        if (toolchains.has(host.name))
            return { gating: false, note: NOTE_OTHER_TOOLCHAIN };
        if (current.instructions?.counter !== baseline.instructions?.counter)
            return { gating: false, note: NOTE_OTHER_COUNTER };
        return gate;
    };
}
function compareWithBaseline(current, baseline, opts) {
    const sameCpu = current.runner.cpu === baseline.runner.cpu;
    // Compared all the same, but every comparison of a host whose toolchain changed says so.
    const toolchains = toolchainDifferences(current.hosts.filter(h => h.status === 'ok'), baseline.hosts.filter(h => h.status === 'ok'));
    const comparisons = [];
    const push = (host, metric, m) => {
        if (!m)
            return;
        const gate = gateOf(metric, current.gate, sameCpu);
        const changes = toolchains.get(host);
        const note = [gate.note, changes && hostToolchainNote(changes)].filter(Boolean).join('; ');
        comparisons.push({ host, metric, unit: METRICS[metric].unit, ...m, ...gate, ...(note ? { note } : {}) });
    };
    const pushStats = (host, metric, c, b) => {
        if (c && b)
            push(host, metric, compareSamples(c.samples, b.samples, opts));
    };
    for (const cur of current.hosts) {
        if (cur.status !== 'ok')
            continue;
        const base = okHost(baseline, cur.name);
        if (!base)
            continue;
        if (cur.name !== ROLES.overheadReference) {
            const c = overheadSamples(current, cur);
            const b = overheadSamples(baseline, base);
            if (c && b)
                push(cur.name, 'overhead', compareSamples(c, b, opts));
        }
        pushStats(cur.name, 'wall_ms', cur.workload.wall_ms, base.workload.wall_ms);
        for (const m of FFI_METRICS)
            pushStats(cur.name, m, cur.ffi[m], base.ffi[m]);
        for (const m of PHASES)
            pushStats(cur.name, phaseMetric(m), cur.workload.phases_ms[m], base.workload.phases_ms[m]);
        if (cur.scaling && base.scaling) {
            const s = compareScaling(cur.scaling.points, base.scaling.points, opts);
            push(cur.name, 'scaling.fixed_ms', s.fixed_ms);
            push(cur.name, 'scaling.per_item_ns', s.per_item_ns);
        }
    }
    comparisons.push(...compareCounts(current.hosts, baseline.hosts, current.gate.instructions_threshold, countGate(current, baseline, toolchains)));
    const missing = current.hosts.filter(h => h.status === 'ok' && !okHost(baseline, h.name)).map(h => h.name);
    const notes = [noteMissingHosts(missing)].filter((n) => n !== null);
    if (!sameCpu)
        notes.push(`${NOTE_OTHER_CPU} (baseline: ${baseline.runner.cpu}; current: ${current.runner.cpu})`);
    if (current.config_hash !== baseline.config_hash)
        notes.push(NOTE_OTHER_CONFIG);
    const toolchainNote = runToolchainNote(toolchains);
    if (toolchainNote)
        notes.push(toolchainNote);
    return { comparisons, note: notes.length > 0 ? notes.join('; ') : null };
}

// analyse stage: raw samples -> Results (stats, overheads, scaling fits), then the baseline comparison.
/** JSON with object keys sorted at every level, so equal configs hash equally. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    if (value !== null && typeof value === 'object') {
        const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    return JSON.stringify(value);
}
/** Hash of the measurement config, whole (gate settings live apart, in GateSettings); it keys the baseline. */
function configHash(config) {
    const shaping = {
        hosts: [...config.hosts].sort(),
        iterations: config.iterations,
        warmup: config.warmup,
        guest: config.guest,
        wasm: config.wasm,
        guest_args: config.guest_args,
        ffi: config.ffi,
        sizes: [...config.sizes].sort((a, b) => a - b)
    };
    return createHash('sha256').update(canonicalJson(shaping)).digest('hex').slice(0, 16);
}
const nsToMs$1 = (xs) => xs.map(x => x / 1e6);
/** Stats per key of a named series (phases, per-call figures, loop costs); all null when the host has no series. */
function statsOf(keys, series, convert = (xs) => xs) {
    return Object.fromEntries(keys.map(key => [key, describeOrNull(series ? convert(series[key]) : null)]));
}
function cpu(raw) {
    const user = describeOrNull(raw.cpu_ms?.user ?? null);
    const system = describeOrNull(raw.cpu_ms?.system ?? null);
    return user && system ? { user, system } : null;
}
function scaling(raw, native) {
    const points = raw.scaling?.filter(p => p.wall_ms.length > 0);
    if (!points || new Set(points.map(p => p.size)).size < 2)
        return null;
    const fit = fitScaling(points);
    const nativePoints = native && native !== raw ? native.scaling?.filter(p => p.wall_ms.length > 0) : undefined;
    const nativeFit = nativePoints && new Set(nativePoints.map(p => p.size)).size >= 2 ? fitScaling(nativePoints) : null;
    return {
        ...fit,
        points: points.map(p => ({ size: p.size, wall_ms: p.wall_ms.slice() })),
        overhead_vs_native: {
            fixed: nativeFit ? relativeTo(fit.fixed_ms, nativeFit.fixed_ms) : null,
            per_item: nativeFit ? relativeTo(fit.per_item_ns, nativeFit.per_item_ns) : null
        }
    };
}
function failedHost(raw, optional) {
    const nulls = (keys) => Object.fromEntries(keys.map(k => [k, null]));
    return {
        ...identity(raw, optional),
        workload: { wall_ms: null, phases_ms: nulls(PHASES), overhead_vs_native: null, cpu_ms: null },
        ffi: nulls(FFI_METRICS),
        ffi_vs_rust: {},
        scaling: null
    };
}
function identity(raw, optional) {
    return {
        name: raw.name,
        runtime: raw.runtime,
        version: raw.version,
        argv: raw.argv.slice(),
        cwd: raw.cwd,
        ...(raw.env ? { env: { ...raw.env } } : {}),
        status: raw.status,
        optional,
        ...(raw.error !== undefined ? { error: raw.error } : {}),
        output_sha256: raw.output_sha256,
        ...(raw.toolchains ? { toolchains: { ...raw.toolchains } } : {})
    };
}
function hostResult(raw, native, rust, optional) {
    if (raw.status !== 'ok')
        return failedHost(raw, optional);
    const ffiStats = statsOf(FFI_METRICS, raw.ffi);
    const ffiVsRust = {};
    for (const m of FFI_METRICS) {
        const own = ffiStats[m];
        const ref = rust && rust !== raw && rust.ffi && rust.ffi[m].length > 0 ? median(rust.ffi[m]) : null;
        ffiVsRust[m] = own ? relativeTo(own.median, ref) : null;
    }
    const pairable = native && native !== raw && native.wall_ms.length > 0 && raw.wall_ms.length > 0;
    return {
        ...identity(raw, optional),
        workload: {
            wall_ms: describeOrNull(raw.wall_ms),
            phases_ms: statsOf(PHASES, raw.phases_ns, nsToMs$1),
            // Paired by round, over the rounds both ran; none for native itself.
            overhead_vs_native: pairable ? pairedRatio(raw.wall_ms, native.wall_ms) : null,
            cpu_ms: cpu(raw)
        },
        ffi: ffiStats,
        ffi_loops: raw.ffi_loops ? statsOf(FFI_LOOP_NAMES, raw.ffi_loops) : null,
        ffi_vs_rust: ffiVsRust,
        scaling: scaling(raw, native),
        ...(raw.instructions !== undefined ? { instructions: instructionCounts(raw.instructions) } : {})
    };
}
function instructionCounts(raw) {
    if (!raw)
        return null;
    return {
        workload: describeOrNull(raw.workload),
        per_call: raw.per_call ? statsOf(FFI_METRICS, raw.per_call) : null,
        ...(raw.error ? { error: raw.error } : {})
    };
}
/** Raw samples -> Results without a baseline (comparisons empty, verdict from the host statuses). */
function analyse(raw, gate) {
    const ok = (name) => raw.hosts.find(h => h.name === name && h.status === 'ok');
    const native = ok(ROLES.overheadReference);
    const rust = ok(ROLES.perCallReference);
    const results = {
        schema: RESULTS_SCHEMA,
        runner: { ...raw.runner },
        commit: raw.commit,
        pr: raw.pr,
        created_at: new Date().toISOString(),
        config: raw.config,
        config_hash: configHash(raw.config),
        gate,
        harness: { spawn_ms: describe(raw.spawn_ms), clock: { ...raw.clock } },
        hosts: raw.hosts.map(h => hostResult(h, native, rust, gate.optional_hosts.includes(h.name))),
        comparisons: [],
        compared_with: { kind: 'none', commit: null, source: 'none', note: null, rounds: 0, seconds: 0, decided: false },
        base: null,
        baseline: null,
        baseline_note: null,
        baseline_comparisons: [],
        verdict: 'pass'
    };
    results.verdict = runVerdict(results);
    return results;
}
/** Results with the baseline comparison filled in and the verdict recomputed. Does not modify `results`. */
function applyBaseline(results, baseline, opts) {
    if (!baseline) {
        const out = { ...results, comparisons: [], baseline: null, baseline_note: opts.note ?? null };
        return { ...out, verdict: runVerdict(out) };
    }
    const { comparisons, note } = compareWithBaseline(results, baseline, opts);
    const described = {
        baseline: { source: opts.source, commit: baseline.commit, cpu: baseline.runner.cpu },
        baseline_note: [opts.note, note, clockNote(results, baseline)].filter((s) => !!s).join('; ') || null
    };
    if (opts.asContext) {
        const context = comparisons.map(c => ({
            ...c,
            gating: false,
            note: [NOTE_CONTEXT, c.note].filter(Boolean).join('; ')
        }));
        return { ...results, ...described, baseline_comparisons: context };
    }
    const compared_with = { ...results.compared_with, kind: 'baseline', commit: baseline.commit, source: opts.source };
    const out = { ...results, ...described, comparisons, compared_with };
    return { ...out, verdict: runVerdict(out) };
}
/** Wall times from two clocks differ by about the harness's spawn cost; results from before the launcher lack a clock. */
function clockNote(results, baseline) {
    const current = results.harness.clock?.source ?? 'node';
    const base = baseline.harness?.clock?.source ?? 'node';
    return current === base ? null : `the baseline's wall times come from the ${base} clock, this run's from the ${current} clock`;
}

// Facts about the machine and the checkout that go into every results file.
const OS_NAMES = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' };
const ARCH_NAMES = { x64: 'X64', arm64: 'ARM64', ia32: 'X86', arm: 'ARM' };
function runnerInfo(env = process.env) {
    return {
        os: env.RUNNER_OS || OS_NAMES[process.platform] || process.platform,
        arch: env.RUNNER_ARCH || ARCH_NAMES[process.arch] || process.arch,
        cpu: os.cpus()[0]?.model.trim() || 'unknown',
        node: process.version
    };
}
/** "linux-x64": the tag that names artifacts, baseline keys and report sections. */
function runnerTag(runner) {
    return `${runner.os}-${runner.arch}`.toLowerCase();
}
function currentCommit(cwd, env = process.env) {
    if (env.GITHUB_SHA)
        return env.GITHUB_SHA;
    try {
        return execFileSync('git', ['rev-parse', 'HEAD'], {
            cwd,
            env: childEnv(env),
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore']
        }).trim();
    }
    catch {
        return '';
    }
}

// The one JSON line a host program writes to its report file (hosts/*, "report file" interface).
function checkNumber(key, value) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
        throw new Error(`"${key}" is not a non-negative number`);
}
function parseReport(text) {
    const line = text.trim().split(/\r?\n/).pop();
    if (!line)
        throw new Error('empty report');
    const report = JSON.parse(line);
    for (const group of [report.phases_ns, report.ffi]) {
        if (group === undefined)
            continue;
        for (const [key, value] of Object.entries(group))
            checkNumber(key, value);
    }
    if (report.ffi) {
        // A host program older than these names would otherwise feed undefined into the samples.
        for (const key of FFI_METRICS)
            if (!(key in report.ffi))
                throw new Error(`ffi report has no "${key}"`);
        for (const key of FFI_LOOP_NAMES)
            checkNumber(key, report[key]);
    }
    if (!report.phases_ns && !report.ffi)
        throw new Error('report has neither phases_ns nor ffi');
    return report;
}

// One measured job of one host in one revision: start it, check its report and output, keep its samples.
/**
 * How the ffi jobs are timed. One ffi process runs six calibrated loops and takes about as long as seven
 * workload runs, so running it every round left a 3-minute budget about 20 rounds, too few to decide a 3%
 * overhead change. Every `everyRounds`-th measured round (the first included) runs them, with windows of
 * `targetMs` instead of the hosts' default 100 ms; what that costs the per-call figures is in docs/design.md,
 * "Measurement".
 */
const FFI_SCHEDULE = { everyRounds: 8, targetMs: 25 };
/** Whether the ffi jobs run in this measured round (0-based); warm-up rounds run every job. */
const ffiRound = (measuredRound) => measuredRound % FFI_SCHEDULE.everyRounds === 0;
/** A host's jobs follow from what its run collects: ffi only where it has ffi samples, a size per scaling point. */
function jobsFor(host, run) {
    const jobs = [{ host, kind: 'workload' }];
    if (run.ffi)
        jobs.push({ host, kind: 'ffi' });
    for (const { size } of run.scaling ?? [])
        jobs.push({ host, kind: 'scale', size });
    return jobs;
}
/** Runs one job; returns what it produced, or why it failed. */
async function runJob(job, ctx) {
    const { host, kind } = job;
    const reportFile = path.join(ctx.workDir, `${ctx.label}-${host.name}-${kind}-${ctx.round}.jsonl`);
    rmSync(reportFile, { force: true });
    const argv = kind === 'ffi'
        ? [...host.ffiArgv(ctx.build.guest.ffi, reportFile), '--target-ms', String(FFI_SCHEDULE.targetMs)]
        : host.workloadArgv(ctx.build.guest.workload, reportFile, kind === 'scale' ? [String(job.size)] : ctx.config.guest_args);
    const result = await clockedRun(argv, { cwd: host.cwd, env: { ...ctx.env, ...host.env }, timeoutMs: ctx.timeoutMs }, ctx.launcher);
    const failure = failureReason(result, ctx.timeoutMs);
    if (failure)
        return { error: failure };
    let report = null;
    if (kind === 'ffi' || host.reportsPhases) {
        try {
            report = parseReport(readFileSync(reportFile, 'utf8'));
        }
        catch (error) {
            return { error: `unreadable report file ${reportFile}: ${error.message}` };
        }
    }
    if (kind === 'ffi' && !report?.ffi)
        return { error: 'ffi report has no "ffi" figures' };
    const outputSha256 = kind === 'workload' ? createHash('sha256').update(result.stdout).digest('hex') : null;
    return { result, report, outputSha256 };
}
/** Keeps what a job produced in a host's run; returns why it cannot, or null. Samples only in measured rounds. */
function recordJob(job, { result, report, outputSha256 }, run, measured) {
    if (outputSha256) {
        if (run.output_sha256 && run.output_sha256 !== outputSha256)
            return 'guest output changed between runs';
        run.output_sha256 = outputSha256;
    }
    if (!measured)
        return null;
    if (job.kind === 'workload') {
        run.wall_ms.push(result.wallMs);
        if (run.cpu_ms && result.cpuMs) {
            run.cpu_ms.user.push(result.cpuMs.user);
            run.cpu_ms.system.push(result.cpuMs.system);
        }
        if (run.phases_ns && report?.phases_ns)
            for (const phase of PHASES)
                run.phases_ns[phase].push(report.phases_ns[phase]);
    }
    else if (job.kind === 'ffi') {
        for (const metric of FFI_METRICS)
            run.ffi[metric].push(report.ffi[metric]);
        for (const loop of FFI_LOOP_NAMES)
            run.ffi_loops?.[loop].push(report[loop]);
    }
    else {
        run.scaling.find(p => p.size === job.size).wall_ms.push(result.wallMs);
    }
    return null;
}
/** A host whose guest output differs from the others has failed: it did not run the same program. */
function failMismatchedOutputs(runs) {
    const ok = runs.filter(r => r.status === 'ok' && r.output_sha256);
    if (ok.length < 2)
        return;
    const native = ok.find(r => r.name === ROLES.overheadReference);
    const counts = new Map();
    for (const r of ok)
        counts.set(r.output_sha256, (counts.get(r.output_sha256) ?? 0) + 1);
    const reference = native?.output_sha256 ?? [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    for (const r of ok) {
        if (r.output_sha256 !== reference) {
            r.status = 'failed';
            r.error = `guest output differs from the other hosts (sha256 ${r.output_sha256.slice(0, 12)} vs ${reference.slice(0, 12)})`;
        }
    }
}
const emptySeries = (keys) => Object.fromEntries(keys.map(key => [key, []]));
/** `cpu`: whether the launcher times the runs (it reports their CPU time). */
function emptyRun(host, config, build, cpu) {
    const hasFfi = config.ffi && build.guest.ffi !== null && host.ffiArgv(build.guest.ffi, '') !== null;
    return {
        name: host.name,
        runtime: host.runtime,
        version: host.version,
        argv: host.workloadArgv(build.guest.workload, '<report-file>', config.guest_args),
        cwd: host.cwd,
        ...replayEnv(host.env),
        status: 'ok',
        output_sha256: null,
        toolchains: { ...host.toolchains, ...build.guest.toolchains },
        wall_ms: [],
        cpu_ms: cpu ? { user: [], system: [] } : null,
        phases_ns: host.reportsPhases ? emptySeries(PHASES) : null,
        ffi: hasFfi ? emptySeries(FFI_METRICS) : null,
        ffi_loops: hasFfi ? emptySeries(FFI_LOOP_NAMES) : null,
        scaling: config.sizes.length ? config.sizes.map(size => ({ size, wall_ms: [] })) : null
    };
}
/** The host's own variables for the results, PATH aside: it only puts a set-up toolchain first, and is long. */
function replayEnv(env) {
    const own = Object.entries(env).filter(([key]) => key.toUpperCase() !== 'PATH');
    return own.length > 0 ? { env: Object.fromEntries(own) } : {};
}
function failedRun(name, error) {
    return {
        name,
        runtime: '',
        version: '',
        argv: [],
        cwd: '',
        status: 'failed',
        error,
        output_sha256: null,
        wall_ms: [],
        cpu_ms: null,
        phases_ns: null,
        ffi: null,
        scaling: null
    };
}

/** Fisher-Yates shuffle into a new array; `random` is injectable so tests can fix the order. */
function shuffle(items, random = Math.random) {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
}

// A host that runs the same program in both revisions: the same host build (the content hash of its folder and
// toolchain) and byte-identical guest modules. Timing one program twice per round would only add noise to its
// comparison, and through the native reference to every overhead, so it runs once per round for both revisions
// (docs/design.md, "Measurement").
const digest = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
/** Names of the hosts whose head and base builds run the same program. */
function sameBuildHosts(head, base) {
    const baseKeys = new Map(base.hosts.map(host => [host.name, host.key]));
    const same = head.hosts.filter(host => baseKeys.get(host.name) === host.key).map(host => host.name);
    return same.length > 0 && sameFile(head.guest.workload, base.guest.workload) && sameFile(head.guest.ffi, base.guest.ffi)
        ? new Set(same)
        : new Set();
}
/** One path (the build cache's), or two files with the same bytes. */
const sameFile = (a, b) => a === b || (a !== null && b !== null && digest(a) === digest(b));
/** Same builds leave the rounds at the first look only when native is one: then it cancels from every overhead. */
const sameBuildsLeave = (sameBuild) => sameBuild.has(ROLES.overheadReference);

// Runs the measurement rounds: warm-up, then every job of every host once per round and revision (the ffi jobs
// every few rounds, FFI_SCHEDULE in jobs.ts). The two revisions of one job run back to back in a random order
// (AB or BA) and the pairs are shuffled within the round, so drift of the machine hits both revisions and all
// hosts alike. A host that runs the same program in both revisions (same-build.ts) runs once per round, and
// both revisions keep that sample. When native is such a host too, every same build is known unchanged by the
// first look and leaves the rounds there, so the rest of the budget goes to the hosts that changed
// (docs/design.md, "Measurement").
/** Runs a pair's jobs in a random order; a same build once, with both revisions keeping the sample. */
async function runPair(pair, ctx, revisions) {
    const indices = pair.jobs.map((_, index) => index);
    const order = pair.sameBuild ? [0] : shuffle(indices, ctx.random);
    for (const index of order) {
        const { revision, job, run } = pair.jobs[index];
        const keepers = pair.sameBuild ? pair.jobs.map(other => other.run) : [run];
        if (keepers.some(kept => kept.status !== 'ok'))
            continue;
        const outcome = await runJob(job, { ...ctx, build: revisions[revision].build, label: revisions[revision].label });
        for (const kept of keepers) {
            const error = 'error' in outcome ? outcome.error : recordJob(job, outcome, kept, ctx.measured);
            if (error) {
                kept.status = 'failed';
                kept.error = `${job.kind === 'scale' ? `size ${job.size}` : job.kind}: ${error}`;
            }
        }
    }
}
async function measure(revisions, config, options) {
    mkdirSync(options.workDir, { recursive: true });
    const started = performance.now();
    const built = options.launcher;
    const launcher = built.path === null ? null : { path: built.path, timingFile: path.join(options.workDir, 'timing.json') };
    const clock = built.path === null ? { source: 'node', note: `launcher not built: ${built.error}` } : { source: 'launcher', note: null };
    const runs = revisions.map(revision => new Map(revision.build.hosts.map(host => [host.name, emptyRun(host, config, revision.build, launcher !== null)])));
    const sameBuild = options.sameBuild ?? new Set();
    const pairs = pairsFor(revisions, runs, sameBuild);
    const leaveAfter = sameBuildsLeave(sameBuild) ? (options.sameBuildRounds ?? Infinity) : Infinity;
    const spawnMs = [];
    let rounds = 0;
    for (let round = 0; round < config.warmup + config.iterations; round++) {
        const measured = round >= config.warmup;
        const spawn = await clockedRun(emptyProcessArgv(process.platform, launcher?.path ?? null, process.env), { cwd: options.workDir, timeoutMs: options.timeoutMs }, launcher);
        if (measured && !failureReason(spawn, options.timeoutMs))
            spawnMs.push(spawn.wallMs);
        const due = measured ? pairs.filter(pair => dueIn(pair, rounds, leaveAfter)) : pairs;
        const ctx = { ...options, measured, round, config, launcher };
        for (const pair of shuffle(due, options.random))
            await runPair(pair, ctx, revisions);
        if (measured)
            rounds++;
        const total = config.warmup + config.iterations;
        const sameBuildLeft = rounds > leaveAfter;
        options.progress.round(round + 1, total, roundLine(measured, rounds, config.iterations, revisions, runs, sameBuild, sameBuildLeft));
        if (measured && options.enough?.(rounds, collect(revisions, runs)))
            break;
    }
    for (const revisionRuns of runs)
        failMismatchedOutputs([...revisionRuns.values()]);
    const collected = revisions.map((revision, i) => ({
        label: revision.label,
        hosts: [...runs[i].values(), ...revision.build.failures.map(f => failedRun(f.name, f.error))]
    }));
    return { spawn_ms: spawnMs, clock, revisions: collected, rounds, seconds: (performance.now() - started) / 1000 };
}
/** Whether a pair runs in a measured round (0-based): the ffi jobs every few rounds, a same build until it leaves. */
const dueIn = (pair, round, leaveAfter) => (pair.jobs[0].job.kind !== 'ffi' || ffiRound(round)) && !(pair.sameBuild && round >= leaveAfter);
/** A host's jobs follow from what its run collects; a job pairs across the revisions that have the host. */
function pairsFor(revisions, runs, sameBuild) {
    const pairs = new Map();
    revisions.forEach((revision, index) => {
        for (const host of revision.build.hosts) {
            for (const job of jobsFor(host, runs[index].get(host.name))) {
                const key = `${host.name}\u0000${job.kind}\u0000${job.kind === 'scale' ? job.size : ''}`;
                const pair = pairs.get(key) ?? { host: host.name, jobs: [], sameBuild: sameBuild.has(host.name) };
                pair.jobs.push({ revision: index, job, run: runs[index].get(host.name) });
                pairs.set(key, pair);
            }
        }
    });
    return [...pairs.values()];
}
function collect(revisions, runs) {
    return revisions.map((revision, i) => ({ label: revision.label, hosts: [...runs[i].values()] }));
}
function roundLine(measured, round, iterations, revisions, runs, sameBuild, sameBuildLeft) {
    if (!measured)
        return 'warm-up round';
    const hosts = [...runs[0].keys()];
    const parts = hosts.map(name => {
        if (sameBuild.has(name))
            return sameBuildLeft ? `${name} (same build, done)` : `${name} ${lastWall(runs[0].get(name))} (same build)`;
        const times = runs.map(revisionRuns => {
            const run = revisionRuns.get(name);
            return run ? lastWall(run) : '-';
        });
        return `${name} ${times.join(' / ')}`;
    });
    const legend = revisions.length > 1 ? ` (${revisions.map(r => r.label).join(' / ')})` : '';
    return `round ${round}/${iterations}${legend}: ${parts.join(', ')}`;
}
const lastWall = (run) => (run.status === 'ok' ? `${run.wall_ms.at(-1)?.toFixed(1) ?? '-'} ms` : 'failed');

// Hodges-Lehmann estimate of the centre of paired differences and its distribution-free confidence interval:
// the interval that inverts the Wilcoxon signed-rank test (Hollander, Wolfe & Chicken, Nonparametric Statistical
// Methods, ch. 3). It covers the centre of any continuous distribution symmetric about it.
/**
 * Up to this n the critical rank comes from the exact null distribution (O(n³), a few milliseconds at 200). The
 * normal approximation is conservative in the far tails that the sequential looks use: 10 ranks too low at
 * n = 51 and level 0.9995, under 0.3% of the rank above 200.
 */
const EXACT_MAX_N$1 = 200;
/** P(T+ = s), s = 0..n(n+1)/2, of the signed-rank sum of n untied values, by halving as SciPy does. */
function signedRankPmf(n) {
    const pmf = new Float64Array((n * (n + 1)) / 2 + 1);
    pmf[0] = 1;
    for (let rank = 1; rank <= n; rank++) {
        for (let s = (rank * (rank + 1)) / 2; s >= rank; s--)
            pmf[s] = (pmf[s] + pmf[s - rank]) / 2;
        for (let s = rank - 1; s >= 0; s--)
            pmf[s] /= 2;
    }
    return pmf;
}
const criticalRanks = new Map();
/**
 * The rank k of the lower bound among the n(n+1)/2 sorted Walsh averages: the largest k with
 * P(T+ <= k - 1) <= (1 - level) / 2 under the null, so the interval [W(k), W(M + 1 - k)] covers with
 * probability >= level. 0 when no k qualifies (n too small for the level).
 */
function signedRankCriticalRank(n, level) {
    if (!(level > 0 && level < 1))
        throw new Error(`signedRankCriticalRank: level must be in (0, 1), got ${level}`);
    const tail = (1 - level) / 2;
    if (n > EXACT_MAX_N$1) {
        // Normal approximation of T+ with the continuity correction: P(T+ <= k - 1) ~ Φ((k - 1/2 - μ) / σ).
        const mean = (n * (n + 1)) / 4;
        const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
        return Math.max(0, Math.floor(mean + 0.5 - normalIsf(tail) * sd));
    }
    // Every look of every comparison asks again for the same few (n, level) pairs.
    const key = `${n}:${level}`;
    const cached = criticalRanks.get(key);
    if (cached !== undefined)
        return cached;
    const pmf = signedRankPmf(n);
    let k = 0;
    let below = 0; // P(T+ <= k - 1)
    while (k < pmf.length && below + pmf[k] <= tail)
        below += pmf[k++];
    criticalRanks.set(key, k);
    return k;
}
/** The i-th smallest (0-based) of values[left..right] placed at index i; reorders that range in place. */
function kth(values, i, left = 0, right = values.length - 1) {
    quickselect(values, i, left, right);
    return values[i];
}
/** Hodges-Lehmann estimate of the centre of d with its confidence interval at `level` (e.g. 0.95). */
function hodgesLehmann(d, level) {
    const n = d.length;
    if (n === 0)
        throw new Error('hodgesLehmann: no differences');
    if (d.some(v => !Number.isFinite(v)))
        throw new Error('hodgesLehmann: differences must be finite numbers');
    const walsh = [];
    for (let i = 0; i < n; i++)
        for (let j = i; j < n; j++)
            walsh.push((d[i] + d[j]) / 2);
    const m = walsh.length;
    const k = signedRankCriticalRank(n, level);
    // Selections, not a sort, as every look needs these order statistics of n(n+1)/2 values. Once the median is in
    // place, the smaller values lie left of it and the larger right, so the other selections search one side.
    const mid = m >> 1;
    const upperMiddle = kth(walsh, mid);
    const estimate = m % 2 === 1 ? upperMiddle : (kth(walsh, mid - 1, 0, mid - 1) + upperMiddle) / 2;
    if (k === 0)
        return { estimate, ci: [-Infinity, Infinity] };
    // k - 1 < n(n+1)/4 = m/2, as P(T+ <= k - 1) < 1/2 and T+ is symmetric about n(n+1)/4.
    return { estimate, ci: [kth(walsh, k - 1, 0, mid), kth(walsh, m - k, mid, m - 1)] };
}

// Two-sided Wilcoxon signed-rank test of paired differences, as scipy.stats.wilcoxon(d) with its defaults
// (zero_method='wilcox', correction=False, method='auto'); simple-statistics has no signed-rank test.
/** SciPy's method='auto' uses the normal approximation above 50 differences. */
const EXACT_MAX_N = 50;
/** With ties or zeros SciPy enumerates the 2^n sign flips while that is at most its 9999 resamples. */
const PERMUTATION_MAX_N = 13;
/** Zeros are dropped ("wilcox"), the magnitudes of the rest ranked with ties averaged. */
function signedRanks(d) {
    const nonZero = d.filter(v => v !== 0);
    const order = nonZero.map((_, i) => i).sort((a, b) => Math.abs(nonZero[a]) - Math.abs(nonZero[b]));
    const ranks = new Array(nonZero.length);
    let tieTerm = 0;
    for (let start = 0; start < order.length;) {
        let end = start + 1;
        while (end < order.length && Math.abs(nonZero[order[end]]) === Math.abs(nonZero[order[start]]))
            end++;
        const t = end - start;
        for (let i = start; i < end; i++)
            ranks[order[i]] = (start + 1 + end) / 2;
        tieTerm += t * t * t - t;
        start = end;
    }
    const rPlus = ranks.reduce((sum, r, i) => (nonZero[i] > 0 ? sum + r : sum), 0);
    return { ranks, rPlus, tieTerm };
}
/**
 * Null distribution of R+ over the 2^n equally likely sign assignments of the given ranks: entry s counts the
 * assignments whose positive ranks sum to s/2. Ranks are doubled so that averaged ranks index it exactly;
 * counts stay below 2^53 (exact in floating point) up to n = 52.
 */
function signedRankSumCounts(ranks) {
    const doubled = ranks.map(r => Math.round(2 * r));
    let counts = [1];
    for (const r of doubled) {
        const next = new Array(counts.length + r).fill(0);
        for (let s = 0; s < counts.length; s++) {
            next[s] += counts[s];
            next[s + r] += counts[s];
        }
        counts = next;
    }
    return counts;
}
/** Null distributions of untied ranks 1..n, shared by every exact test of n differences (each look asks again). */
const untiedCounts = new Map();
/** Twice the smaller tail of the enumerated null distribution at the observed R+, capped at 1 (SciPy's rule). */
function enumeratedP(ranks, rPlus, untied) {
    let counts = untied ? untiedCounts.get(ranks.length) : undefined;
    if (!counts) {
        counts = signedRankSumCounts(ranks);
        if (untied)
            untiedCounts.set(ranks.length, counts);
    }
    const observed = Math.round(2 * rPlus);
    let below = 0;
    let above = 0;
    counts.forEach((c, s) => {
        if (s <= observed)
            below += c;
        if (s >= observed)
            above += c;
    });
    // Counts over 2^n: both are dyadic rationals, so this division is exact, as SciPy's sums of halved pmfs are.
    return Math.min(1, (2 * Math.min(below, above)) / 2 ** ranks.length);
}
/** Normal approximation with the tie correction of the variance and no continuity correction. */
function asymptoticP(count, rPlus, tieTerm) {
    const mean = (count * (count + 1)) / 4;
    const se = Math.sqrt((count * (count + 1) * (2 * count + 1) - tieTerm / 2) / 24);
    // se = 0 only when every difference is zero; SciPy then answers NaN, we say "no evidence of a change".
    if (se === 0)
        return 1;
    return 2 * normalSf(Math.abs((rPlus - mean) / se));
}
/**
 * Two-sided Wilcoxon signed-rank test of H0 "the differences are symmetric about 0". Agrees with
 * scipy.stats.wilcoxon(d), except that all-zero differences give p = 1 where SciPy gives NaN or an error.
 */
function wilcoxon(d) {
    if (d.length === 0)
        throw new Error('wilcoxon: no differences');
    if (d.some(v => Number.isNaN(v)))
        throw new Error('wilcoxon: NaN in differences');
    const { ranks, rPlus, tieTerm } = signedRanks(d);
    const count = ranks.length;
    const statistic = Math.min(rPlus, (count * (count + 1)) / 2 - rPlus);
    const tiesOrZeros = tieTerm > 0 || count < d.length;
    let method;
    if (d.length > EXACT_MAX_N)
        method = 'asymptotic';
    else if (!tiesOrZeros)
        method = 'exact';
    else
        method = d.length <= PERMUTATION_MAX_N ? 'permutation' : 'asymptotic';
    const p = method === 'asymptotic' ? asymptoticP(count, rPlus, tieTerm) : enumeratedP(ranks, rPlus, method === 'exact');
    return { statistic, p, method };
}

// The change between two revisions measured round by round in the same job (SPEC "Analysis"): per-round log
// ratios head/base, their Hodges-Lehmann centre and interval, and the Wilcoxon signed-rank p-value.
function checkPaired(name, samples) {
    const n = samples[0].length;
    if (n === 0 || samples.some(s => s.length !== n)) {
        throw new Error(`${name}: paired samples must be non-empty and of equal length, got ${samples.map(s => s.length).join(', ')}`);
    }
}
const positive = (values) => values.every(v => v > 0 && Number.isFinite(v));
/** Per-round log(head / base); null when a sample is not a positive number (a ratio of it means nothing). */
function logRatios(head, base) {
    checkPaired('logRatios', [head, base]);
    if (!positive(head) || !positive(base))
        return null;
    return head.map((h, i) => Math.log(h / base[i]));
}
/** The change that per-round log ratios d describe, with its interval at `level` (0.95 for a 95% interval). */
function changeOfLogRatios(d, level) {
    const { estimate, ci } = hodgesLehmann(d, level);
    return { n: d.length, change: Math.expm1(estimate), ci: [Math.expm1(ci[0]), Math.expm1(ci[1])], p: wilcoxon(d).p };
}

// The paired series of a same-job comparison: per host and metric, the head's and the base's samples of the same
// rounds. The overhead pairs the double ratio (host_head / native_head) / (host_base / native_base) per round.
// When native ran the same build in both revisions its sample cancels from that ratio, so the overhead divides by
// its median instead: the change is the same, and native need not run in every round (measure/runner.ts).
const nsToMs = (values) => values?.map(ns => ns / 1e6);
const ok = (runs, name) => runs.find(run => run.name === name && run.status === 'ok');
/** Element-wise a / b; null unless both have the same, non-zero length (a host that failed mid-run has fewer). */
function ratios(a, b) {
    return a.length > 0 && a.length === b.length ? a.map((x, i) => x / b[i]) : null;
}
function pushIfPaired(out, host, metric, head, base) {
    if (head && base && head.length > 0 && head.length === base.length)
        out.push({ host, metric, head, base });
}
/** Native's wall times as the overhead divides by them: per round, or its median when it is the same build. */
function nativeReference(run, sameBuild) {
    if (!run || run.wall_ms.length === 0)
        return null;
    if (!sameBuild)
        return wall => ratios(wall, run.wall_ms);
    const reference = median(run.wall_ms);
    return wall => wall.map(ms => ms / reference);
}
/** Every metric that both revisions measured for a host, round by round; `sameBuild` as in measure/same-build.ts. */
function pairedSeries(headRuns, baseRuns, sameBuild) {
    const out = [];
    const nativeSame = sameBuild.has(ROLES.overheadReference);
    const nativeHead = nativeReference(ok(headRuns, ROLES.overheadReference), nativeSame);
    const nativeBase = nativeReference(ok(baseRuns, ROLES.overheadReference), nativeSame);
    for (const head of headRuns.filter(run => run.status === 'ok')) {
        const base = ok(baseRuns, head.name);
        if (!base)
            continue;
        if (head.name !== ROLES.overheadReference && nativeHead && nativeBase) {
            pushIfPaired(out, head.name, 'overhead', nativeHead(head.wall_ms), nativeBase(base.wall_ms));
        }
        pushIfPaired(out, head.name, 'wall_ms', head.wall_ms, base.wall_ms);
        for (const metric of FFI_METRICS)
            pushIfPaired(out, head.name, metric, head.ffi?.[metric], base.ffi?.[metric]);
        for (const phase of PHASES)
            pushIfPaired(out, head.name, phaseMetric(phase), nsToMs(head.phases_ns?.[phase]), nsToMs(base.phases_ns?.[phase]));
    }
    return out;
}
/** Hosts the head measured that the base did not (built or ran), so their changes are not known. */
function unpairedHosts(headRuns, baseRuns) {
    return headRuns.filter(run => run.status === 'ok' && !ok(baseRuns, run.name)).map(run => run.name);
}

// Holm's step-down adjustment (Holm 1979): family-wise error control over several comparisons under any
// dependence between them, uniformly more powerful than Bonferroni.
/**
 * Holm-adjusted p-values in input order, as statsmodels' multipletests(p, method='holm'): the i-th smallest p
 * (0-based) times (m - i), made monotone by a running maximum, capped at 1. Reject where adjusted p < alpha.
 */
function holm(pValues) {
    if (pValues.some(p => Number.isNaN(p) || p < 0 || p > 1))
        throw new Error('holm: p-values must be in [0, 1]');
    const m = pValues.length;
    const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
    const adjusted = new Array(m);
    let running = 0;
    order.forEach((index, rank) => {
        running = Math.max(running, Math.min(1, pValues[index] * (m - rank)));
        adjusted[index] = running;
    });
    return adjusted;
}

// Sampling until the answer is clear (issue 8, item 5): planned looks, alpha split across them, and at each
// look a decision per gating comparison from its Holm-adjusted Wilcoxon p-value and Hodges-Lehmann interval.
//
// What the error rates are. Let a be the level a look spends (alphaAtLook: the looks' levels sum to alpha). At
// one look:
//  - A regression (improvement) needs the Holm-adjusted p < a over the m gating comparisons and the interval at
//    level 1 - a wholly above +threshold (below -threshold). Holm bounds the probability of flagging any of the
//    comparisons that did not change at all by a, under any dependence between them (strong control).
//  - Each comparison's interval misses its true change on a given side with probability at most a/2: one whose
//    true change is at most +threshold (faster ones included) is flagged as a regression with probability at
//    most a/2, and one that truly regressed beyond +threshold is called "no regression" with at most a/2.
// These bounds hold at every look, so by the union bound over the looks taken they hold with alpha in place of
// a for the whole sequential run, whenever it stops. A look forced by a time budget is the run's last: it spends
// what the looks before it left, so the levels never sum to more than alpha.
/**
 * Round counts at which to look: geometric from minRounds to maxRounds, so that each look shrinks the intervals
 * (width ~ 1/√n) by the same factor; looks that round to the same count are merged.
 */
function planLooks({ minRounds, maxRounds, looks }) {
    const whole = (v) => Number.isInteger(v) && v >= 1;
    if (!whole(minRounds) || !whole(maxRounds) || !whole(looks) || minRounds > maxRounds) {
        throw new Error(`planLooks: need whole numbers 1 <= minRounds <= maxRounds and looks >= 1, got ${minRounds}, ${maxRounds}, ${looks}`);
    }
    const rounds = Array.from({ length: looks }, (_, i) => Math.round(minRounds * (maxRounds / minRounds) ** (i / (looks - 1))));
    return [...new Set(rounds)];
}
/**
 * Share of alpha the last look spends; the looks before it split the rest evenly. Most runs on a busy machine end
 * at their last look (planned, or forced by the time budget), so that is where a wider level decides most, while
 * the early looks still stop runs whose answer is already clear (scripts/simulate-sequential.ts).
 */
const LAST_LOOK_SHARE = 0.5;
/** The significance level a look spends (Bonferroni over the looks): the last one spends what the others left. */
function alphaAtLook(alpha, looks, { index, last }) {
    if (!Number.isInteger(index) || index < 0 || index >= looks)
        throw new Error(`alphaAtLook: look ${index} of ${looks}`);
    if (looks === 1)
        return alpha;
    const early = (alpha * (1 - LAST_LOOK_SHARE)) / (looks - 1);
    return last ? alpha - index * early : early;
}
function classify(c, pHolm, gating, alpha, threshold) {
    const significant = pHolm < alpha;
    if (significant && c.ci[0] > threshold)
        return { decision: 'regression', verdict: 'regression' };
    const improvement = significant && c.ci[1] < -threshold;
    if (c.ci[1] < threshold)
        return { decision: 'no-regression', verdict: improvement ? 'improvement' : '~' };
    return { decision: 'undecided', verdict: gating ? 'inconclusive' : '~' };
}
/**
 * Decides every comparison at one look. Gating and shown-only comparisons are separate Holm families, so
 * showing more metrics never weakens the gate; only gating comparisons decide `done`.
 */
function decideLook(comparisons, { alpha, looks, threshold }, at) {
    const alphaLook = alphaAtLook(alpha, looks, at);
    const level = 1 - alphaLook;
    const changes = comparisons.map(c => changeOfLogRatios(c.d, level));
    const pHolm = new Array(comparisons.length);
    for (const gating of [true, false]) {
        const family = comparisons.flatMap((c, i) => (c.gating === gating ? [i] : []));
        holm(family.map(i => changes[i].p)).forEach((p, j) => (pHolm[family[j]] = p));
    }
    const decided = changes.map((change, i) => {
        const { gating } = comparisons[i];
        return { ...change, level, p_holm: pHolm[i], gating, ...classify(change, pHolm[i], gating, alphaLook, threshold) };
    });
    const gating = decided.filter(c => c.gating);
    return {
        done: gating.every(c => c.decision !== 'undecided'),
        regression: gating.some(c => c.decision === 'regression'),
        alpha: alphaLook,
        comparisons: decided
    };
}

// Sampling until the answer is clear (docs/design.md, "Same-job comparison"): at planned looks the paired
// comparisons are decided, and measuring stops when every gating one is, or when the time budget is spent.
/** Rounds before the first look, and how many looks at most (scripts/simulate-sequential.ts backs them). */
const SAMPLING = { minRounds: 20, looks: 6 };
/** A comparison whose every sample came from programs that did not change: its host's, and native's for the overhead. */
const unchanged = (host, metric, sameBuild) => sameBuild.has(host) && (metric !== 'overhead' || sameBuild.has(ROLES.overheadReference));
class Sampler {
    gate;
    revisions;
    looks;
    started = performance.now();
    deadline;
    last = null;
    budgetSpent = false;
    constructor(gate, config, budgetMinutes, 
    /** `paired`: a base revision is measured; `sameBuild`: its hosts that run the same program (measure/same-build.ts) */
    revisions) {
        this.gate = gate;
        this.revisions = revisions;
        this.looks = planLooks({
            minRounds: Math.min(SAMPLING.minRounds, config.iterations),
            maxRounds: config.iterations,
            looks: SAMPLING.looks
        });
        this.deadline = this.started + budgetMinutes * 60_000;
    }
    /** The rounds of the first look, where every same build is decided. */
    get firstLook() {
        return this.looks[0];
    }
    /** Asked after every measured round: stop at the budget (never before the first look), or at a planned look
     *  where everything is decided. */
    enough(rounds, runs) {
        if (rounds >= this.looks[0] && performance.now() > this.deadline) {
            this.budgetSpent = true;
            return true;
        }
        if (!this.revisions.paired || !this.looks.includes(rounds))
            return false;
        return this.look(rounds, runs, rounds === this.looks.at(-1)).look.done;
    }
    /** The comparisons at the end: the look that stopped the run, or one more in place of the planned looks not taken. */
    final(rounds, runs) {
        const { sameBuild } = this.revisions;
        const { look, series } = this.last?.rounds === rounds ? this.last : this.look(rounds, runs, true);
        const comparisons = look.comparisons.map((c, i) => {
            const { host, metric, head, base } = series[i];
            const { gating, note } = gateOf(metric, this.gate, true);
            const notes = [note, unchanged(host, metric, sameBuild) ? NOTE_SAME_BUILD : undefined].filter(Boolean);
            return {
                host,
                metric,
                unit: METRICS[metric].unit,
                baseline_median: median(base),
                current_median: median(head),
                change: c.change,
                ci95: c.ci,
                ci_level: c.level,
                p: c.p,
                p_adjusted: c.p_holm,
                n: c.n,
                verdict: c.verdict,
                gating,
                ...(notes.length ? { note: notes.join('; ') } : {})
            };
        });
        const notes = [];
        // What would decide the open comparisons is the report's to say, from their intervals (src/report/headline.ts).
        if (!look.done)
            notes.push(`${this.budgetSpent ? 'the time budget' : 'the rounds'} ran out before every gating comparison was decided`);
        if (sameBuild.size)
            notes.push(`the same build in both revisions, run once per round${sameBuildsLeave(sameBuild) ? ` until round ${this.firstLook}` : ''}: ${[...sameBuild].join(', ')}`);
        const unpaired = unpairedHosts(runs[0].hosts, runs[1].hosts);
        if (unpaired.length)
            notes.push(`not measured in the base revision, so not compared: ${unpaired.join(', ')}`);
        return { comparisons, decided: look.done, note: notes.length ? notes.join('; ') : null };
    }
    /** `last`: the run's last look, which spends the alpha the looks before it (at fewer rounds) left. */
    look(rounds, runs, last) {
        const series = pairedSeries(runs[0].hosts, runs[1].hosts, this.revisions.sameBuild).filter(s => logRatios(s.head, s.base) !== null);
        const gating = (s) => gateOf(s.metric, this.gate, true).gating;
        // What did not change is known without statistics, and stays out of the tests and their Holm family.
        const known = series.map(s => unchanged(s.host, s.metric, this.revisions.sameBuild));
        const measured = series.filter((_, i) => !known[i]);
        const samples = measured.map(s => ({ d: logRatios(s.head, s.base), gating: gating(s) }));
        const options = { alpha: this.gate.alpha, looks: this.looks.length, threshold: this.gate.threshold };
        const decided = decideLook(samples, options, { index: this.looks.filter(r => r < rounds).length, last });
        const tested = decided.comparisons.values();
        const comparisons = series.map((s, i) => {
            if (!known[i])
                return tested.next().value;
            return {
                n: s.head.length,
                change: 0,
                ci: [0, 0],
                p: 1,
                level: 1 - decided.alpha,
                p_holm: 1,
                gating: gating(s),
                decision: 'no-regression',
                verdict: '~'
            };
        });
        this.last = { rounds, look: { ...decided, comparisons }, series };
        return this.last;
    }
}

// The one pipeline behind the action and the CLI:
// build -> measure -> analyse -> compare (with the base revision, else the stored baseline).
// I/O that differs between the two entries (logging, baseline storage) comes in through `io`.
async function runBenchmark(settings, ctx, io) {
    const config = settings.measure;
    const head = await io.log.group('Build the guest and the hosts', () => build(config, ctx.repoRoot, ctx, io));
    const launcher = await buildLauncher(buildContext({ repoRoot: ctx.repoRoot, cacheRoot: ctx.cacheRoot, toolchains: ctx.toolchains, log: message => io.log.info(message) }));
    if (launcher.path === null)
        io.log.warning(`launcher: ${launcher.error}; wall times fall back to Node's spawn-to-exit clock`);
    const base = ctx.base && 'sha' in ctx.base ? await buildBase(ctx.base, config, ctx, io) : null;
    const revisions = [{ label: 'head', build: head }];
    if (base?.build)
        revisions.push({ label: 'base', build: base.build });
    const sameBuild = base?.build ? sameBuildHosts(head, base.build) : new Set();
    const counting = await countInstructionsOf(revisions, sameBuild, settings, ctx, io);
    const budgetMinutes = timedBudget(ctx.timeBudgetMinutes, counting.seconds, io.log);
    const sampler = new Sampler(settings.gate, config, budgetMinutes, { paired: revisions.length > 1, sameBuild });
    const what = revisions.length > 1 ? 'the head and the base revision' : 'the working tree';
    const measured = await io.log.group(`Measure ${head.hosts.length} hosts of ${what}, up to ${config.iterations} rounds`, () => measure(revisions, config, {
        workDir: ctx.workDir,
        progress: io.progress,
        timeoutMs: settings.timeoutMinutes * 60_000,
        env: childEnv(),
        launcher,
        enough: (rounds, runs) => sampler.enough(rounds, runs),
        sameBuild,
        sameBuildRounds: sampler.firstLook
    }));
    const finishCounting = () => counting.finish(measured.revisions.map(revision => revision.hosts));
    const instructions = counting.pending ? await io.log.group('Count instructions per call', finishCounting) : await finishCounting();
    if (instructions.note)
        io.log.info(`Instruction counts: ${instructions.note}`);
    const analyse1 = (runs, commit) => analyse({ runner: runnerInfo(), commit, pr: ctx.pr, config, spawn_ms: measured.spawn_ms, clock: measured.clock, hosts: runs.hosts }, settings.gate);
    const analysed = { ...analyse1(measured.revisions[0], currentCommit(ctx.repoRoot)), instructions };
    for (const host of analysed.hosts)
        if (host.status === 'failed')
            io.log.warning(`${host.name} failed: ${host.error}`);
    const sampling = { ...analysed.compared_with, rounds: measured.rounds, seconds: measured.seconds };
    if (!base?.build || !ctx.base || !('sha' in ctx.base)) {
        const note = ctx.base && 'note' in ctx.base ? ctx.base.note : (base?.note ?? null);
        const results = { ...analysed, compared_with: { ...sampling, note } };
        return ctx.useStored ? compareWithStored(results, settings.gate, io, false) : results;
    }
    const judged = sampler.final(measured.rounds, measured.revisions);
    const { sha, source } = ctx.base;
    const baseHosts = analyse1(measured.revisions[1], sha).hosts;
    const counts = compareCounts(analysed.hosts, baseHosts, settings.gate.instructions_threshold, (_host, metric) => gateOf(metric, settings.gate, true));
    const results = {
        ...analysed,
        comparisons: [...judged.comparisons, ...counts],
        compared_with: { ...sampling, kind: 'revision', commit: sha, source, note: judged.note, decided: judged.decided },
        base: { commit: sha, hosts: baseHosts }
    };
    const judgedResults = { ...results, verdict: runVerdict(results) };
    return ctx.useStored ? compareWithStored(judgedResults, settings.gate, io, true) : judgedResults;
}
/** Starts counting the instructions of every revision's hosts (the workload runs), or says in one line why not. */
function countInstructionsOf(revisions, sameBuild, settings, ctx, io) {
    return io.log.group('Count instructions', () => startCounting(revisions.map(revision => revision.build), settings.measure, {
        settings: ctx.instructions,
        mayInstall: ctx.onRunner,
        workDir: ctx.workDir,
        env: childEnv(),
        timeoutMs: settings.timeoutMinutes * 60_000,
        sameBuild,
        countSameBuilds: ctx.savesBaseline,
        log: message => io.log.info(message)
    }));
}
/** The time budget covers the counts too: the timed rounds get what the counts leave of it. */
function timedBudget(budgetMinutes, countSeconds, log) {
    if (countSeconds === 0)
        return budgetMinutes;
    const left = budgetMinutes - countSeconds / 60;
    log.info(`time budget: ${budgetMinutes} min, ${Math.round(countSeconds)} s of it for instruction counts: ` +
        `${Math.max(0, left).toFixed(1)} min for the timed rounds, which never stop before their first look`);
    return left;
}
/** Builds the base revision's guest (and hosts); a failure is a warning and the stored baseline is compared. */
async function buildBase(base, config, ctx, io) {
    try {
        const build = await io.log.group(`Build the base revision ${base.sha.slice(0, 12)}`, () => buildAllFor({ ...config, guest: base.guest, wasm: base.wasm }, base.repoRoot, ctx, io));
        return { build };
    }
    catch (error) {
        const note = `the base revision ${base.sha.slice(0, 12)} could not be built (${error.message}); compared with the stored baseline instead`;
        io.log.warning(note);
        return { note };
    }
}
const build = (config, repoRoot, ctx, io) => buildAllFor(config, repoRoot, ctx, io);
async function buildAllFor(config, repoRoot, ctx, io) {
    const output = await buildAll({
        repoRoot,
        hosts: config.hosts,
        guest: config.guest,
        wasm: config.wasm,
        ffi: config.ffi,
        cacheRoot: ctx.cacheRoot,
        toolchains: ctx.toolchains,
        log: message => io.log.info(message)
    });
    for (const failure of output.failures)
        io.log.warning(`${failure.name}: ${failure.error}`);
    return output;
}
/** The comparison with the stored baseline (the cached one of the default branch, or the CLI's file). */
async function compareWithStored(results, gate, io, asContext) {
    const loaded = await io.baseline.load(results);
    if ('warning' in loaded)
        return withoutBaseline(results, loaded.warning, io.log, asContext);
    const checked = checkBaseline(loaded.text, loaded.source, results);
    if (checked.baseline === null)
        return withoutBaseline(results, checked.warning, io.log, asContext);
    return applyBaseline(results, checked.baseline, {
        source: loaded.source,
        threshold: gate.baseline_threshold,
        alpha: gate.alpha,
        asContext
    });
}
function withoutBaseline(results, warning, log, asContext) {
    if (asContext)
        log.info(`${warning}: no stored baseline to show as context`);
    else
        log.warning(`${warning}: the report shows "no baseline"`);
    return { ...results, baseline: null, baseline_note: warning };
}

// Text from child processes (build output, the tail of a failed step's stderr) is relayed into the job log, where
// the runner reads workflow commands from every line: `::add-mask::`, `::stop-commands::`, `::set-output ...::`
// at the start of a line after any spaces, and the older `##[command]` anywhere in a line. Relayed text is made
// inert: such a line is quoted with "> ", and "##[" is written "##%5B" (the runner's own escape for "[").
const V2_COMMAND = /^\s*::/;
function inertLine(line) {
    const withoutV1 = line.replaceAll('##[', '##%5B');
    return V2_COMMAND.test(withoutV1) ? `> ${withoutV1}` : withoutV1;
}
/** `text` with no line the runner would take for a workflow command; lines split as the runner splits them. */
function inertText(text) {
    return text
        .split(/\r\n|\r|\n/)
        .map(inertLine)
        .join('\n');
}

function terminalProgress(stream) {
    if (!stream.isTTY)
        return lineProgress(line => stream.write(`${line}\n`));
    return {
        round(done, total, line) {
            const width = 24;
            const filled = Math.round((done / total) * width);
            stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${line}`
                .slice(0, stream.columns ?? 120)
                .padEnd(stream.columns ?? 120));
            if (done === total)
                stream.write('\n');
        }
    };
}
function lineProgress(write) {
    return { round: (done, total, line) => write(`[${done}/${total}] ${line}`) };
}

// To do: next major: remove.
/**
 * @typedef {Options} MarkdownTableOptions
 *   Configuration.
 */

/**
 * @typedef Options
 *   Configuration.
 * @property {boolean | null | undefined} [alignDelimiters=true]
 *   Whether to align the delimiters (default: `true`);
 *   they are aligned by default:
 *
 *   ```markdown
 *   | Alpha | B     |
 *   | ----- | ----- |
 *   | C     | Delta |
 *   ```
 *
 *   Pass `false` to make them staggered:
 *
 *   ```markdown
 *   | Alpha | B |
 *   | - | - |
 *   | C | Delta |
 *   ```
 * @property {ReadonlyArray<string | null | undefined> | string | null | undefined} [align]
 *   How to align columns (default: `''`);
 *   one style for all columns or styles for their respective columns;
 *   each style is either `'l'` (left), `'r'` (right), or `'c'` (center);
 *   other values are treated as `''`, which doesn’t place the colon in the
 *   alignment row but does align left;
 *   *only the lowercased first character is used, so `Right` is fine.*
 * @property {boolean | null | undefined} [delimiterEnd=true]
 *   Whether to end each row with the delimiter (default: `true`).
 *
 *   > 👉 **Note**: please don’t use this: it could create fragile structures
 *   > that aren’t understandable to some markdown parsers.
 *
 *   When `true`, there are ending delimiters:
 *
 *   ```markdown
 *   | Alpha | B     |
 *   | ----- | ----- |
 *   | C     | Delta |
 *   ```
 *
 *   When `false`, there are no ending delimiters:
 *
 *   ```markdown
 *   | Alpha | B
 *   | ----- | -----
 *   | C     | Delta
 *   ```
 * @property {boolean | null | undefined} [fillRows=true]
 *   Whether to fill rows with empty cells up to the most cells in a row
 *   (default: `true`).
 *
 *   When `true`, all rows have as many cells as the longest row:
 *
 *   ```markdown
 *   | Alpha | B    |   |
 *   | ----- | ---- | - |
 *   | C     |      |   |
 *   | D     | Echo | F |
 *   ```
 *
 *   When `false`, rows keep their cells,
 *   and the delimiter row has as many cells as the header row:
 *
 *   ```markdown
 *   | Alpha | B    |
 *   | ----- | ---- |
 *   | C     |
 *   | D     | Echo | F |
 *   ```
 * @property {boolean | null | undefined} [delimiterStart=true]
 *   Whether to begin each row with the delimiter (default: `true`).
 *
 *   > 👉 **Note**: please don’t use this: it could create fragile structures
 *   > that aren’t understandable to some markdown parsers.
 *
 *   When `true`, there are starting delimiters:
 *
 *   ```markdown
 *   | Alpha | B     |
 *   | ----- | ----- |
 *   | C     | Delta |
 *   ```
 *
 *   When `false`, there are no starting delimiters:
 *
 *   ```markdown
 *   Alpha | B     |
 *   ----- | ----- |
 *   C     | Delta |
 *   ```
 * @property {boolean | null | undefined} [padding=true]
 *   Whether to add a space of padding between delimiters and cells
 *   (default: `true`).
 *
 *   When `true`, there is padding:
 *
 *   ```markdown
 *   | Alpha | B     |
 *   | ----- | ----- |
 *   | C     | Delta |
 *   ```
 *
 *   When `false`, there is no padding:
 *
 *   ```markdown
 *   |Alpha|B    |
 *   |-----|-----|
 *   |C    |Delta|
 *   ```
 * @property {((value: string) => number) | null | undefined} [stringLength]
 *   Function to detect the length of table cell content (optional);
 *   this is used when aligning the delimiters (`|`) between table cells;
 *   full-width characters and emoji mess up delimiter alignment when viewing
 *   the markdown source;
 *   to fix this, you can pass this function,
 *   which receives the cell content and returns its “visible” size;
 *   note that what is and isn’t visible depends on where the text is displayed.
 *
 *   Without such a function, the following:
 *
 *   ```js
 *   markdownTable([
 *     ['Alpha', 'Bravo'],
 *     ['中文', 'Charlie'],
 *     ['👩‍❤️‍👩', 'Delta']
 *   ])
 *   ```
 *
 *   Yields:
 *
 *   ```markdown
 *   | Alpha | Bravo |
 *   | - | - |
 *   | 中文 | Charlie |
 *   | 👩‍❤️‍👩 | Delta |
 *   ```
 *
 *   With [`string-width`](https://github.com/sindresorhus/string-width):
 *
 *   ```js
 *   import stringWidth from 'string-width'
 *
 *   markdownTable(
 *     [
 *       ['Alpha', 'Bravo'],
 *       ['中文', 'Charlie'],
 *       ['👩‍❤️‍👩', 'Delta']
 *     ],
 *     {stringLength: stringWidth}
 *   )
 *   ```
 *
 *   Yields:
 *
 *   ```markdown
 *   | Alpha | Bravo   |
 *   | ----- | ------- |
 *   | 中文  | Charlie |
 *   | 👩‍❤️‍👩    | Delta   |
 *   ```
 */

/**
 * Get the length of a cell.
 *
 * @param {string} value
 *   Cell value.
 * @returns {number}
 *   Cell size.
 */
function defaultStringLength(value) {
  return value.length
}

/**
 * Generate a markdown
 * ([GFM](https://docs.github.com/en/github/writing-on-github/working-with-advanced-formatting/organizing-information-with-tables))
 * table.
 *
 * @param {ReadonlyArray<ReadonlyArray<string | null | undefined>>} table
 *   Table data (matrix of strings).
 * @param {Readonly<Options> | null | undefined} [options]
 *   Configuration (optional).
 * @returns {string}
 *   Result.
 */
function markdownTable(table, options) {
  const settings = options || {};
  // To do: next major: change to spread.
  // eslint-disable-next-line unicorn/prefer-spread -- `align` can be a string.
  const align = (settings.align || []).concat();
  const stringLength = settings.stringLength || defaultStringLength;
  /** @type {Array<number>} Character codes as symbols for alignment per column. */
  const alignments = [];
  /** @type {Array<Array<string>>} Cells per row. */
  const cellMatrix = [];
  /** @type {Array<Array<number>>} Sizes of each cell per row. */
  const sizeMatrix = [];
  /** @type {Array<number>} */
  const longestCellByColumn = [];
  let mostCellsPerRow = 0;
  let rowIndex = -1;

  // This is a superfluous loop if we don’t align delimiters, but otherwise we’d
  // do superfluous work when aligning, so optimize for aligning.
  while (++rowIndex < table.length) {
    /** @type {Array<string>} */
    const row = [];
    /** @type {Array<number>} */
    const sizes = [];
    let columnIndex = -1;

    if (table[rowIndex].length > mostCellsPerRow) {
      mostCellsPerRow = table[rowIndex].length;
    }

    while (++columnIndex < table[rowIndex].length) {
      const cell = serialize(table[rowIndex][columnIndex]);

      if (settings.alignDelimiters !== false) {
        const size = stringLength(cell);
        sizes[columnIndex] = size;

        if (
          longestCellByColumn[columnIndex] === undefined ||
          size > longestCellByColumn[columnIndex]
        ) {
          longestCellByColumn[columnIndex] = size;
        }
      }

      row.push(cell);
    }

    cellMatrix[rowIndex] = row;
    sizeMatrix[rowIndex] = sizes;
  }

  // Figure out which alignments to use.
  let columnIndex = -1;

  if (typeof align === 'object' && 'length' in align) {
    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = toAlignment(align[columnIndex]);
    }
  } else {
    const code = toAlignment(align);

    while (++columnIndex < mostCellsPerRow) {
      alignments[columnIndex] = code;
    }
  }

  // Inject the alignment row.
  columnIndex = -1;
  /** @type {Array<string>} */
  const row = [];
  /** @type {Array<number>} */
  const sizes = [];

  while (++columnIndex < mostCellsPerRow) {
    const code = alignments[columnIndex];
    let before = '';
    let after = '';

    if (code === 99 /* `c` */) {
      before = ':';
      after = ':';
    } else if (code === 108 /* `l` */) {
      before = ':';
    } else if (code === 114 /* `r` */) {
      after = ':';
    }

    // There *must* be at least one hyphen-minus in each alignment cell.
    let size =
      settings.alignDelimiters === false
        ? 1
        : Math.max(
            1,
            longestCellByColumn[columnIndex] - before.length - after.length
          );

    const cell = before + '-'.repeat(size) + after;

    if (settings.alignDelimiters !== false) {
      size = before.length + size + after.length;

      if (size > longestCellByColumn[columnIndex]) {
        longestCellByColumn[columnIndex] = size;
      }

      sizes[columnIndex] = size;
    }

    row[columnIndex] = cell;
  }

  // Inject the alignment row.
  cellMatrix.splice(1, 0, row);
  sizeMatrix.splice(1, 0, sizes);

  rowIndex = -1;
  /** @type {Array<string>} */
  const lines = [];

  while (++rowIndex < cellMatrix.length) {
    const row = cellMatrix[rowIndex];
    const sizes = sizeMatrix[rowIndex];
    const cellsInRow =
      settings.fillRows === false
        ? Math.max(1, cellMatrix[rowIndex === 1 ? 0 : rowIndex].length)
        : mostCellsPerRow;
    columnIndex = -1;
    /** @type {Array<string>} */
    const line = [];

    while (++columnIndex < cellsInRow) {
      const cell = row[columnIndex] || '';
      let before = '';
      let after = '';

      if (settings.alignDelimiters !== false) {
        const size =
          longestCellByColumn[columnIndex] - (sizes[columnIndex] || 0);
        const code = alignments[columnIndex];

        if (code === 114 /* `r` */) {
          before = ' '.repeat(size);
        } else if (code === 99 /* `c` */) {
          const half = size / 2;

          if (size % 2) {
            before = ' '.repeat(half + 0.5);
            after = ' '.repeat(half - 0.5);
          } else {
            before = ' '.repeat(half);
            after = before;
          }
        } else {
          after = ' '.repeat(size);
        }
      }

      if (settings.delimiterStart !== false && !columnIndex) {
        line.push('|');
      }

      if (
        settings.padding !== false &&
        // Don’t add the opening space if we’re not aligning and the cell is
        // empty: there will be a closing space.
        !(settings.alignDelimiters === false && cell === '') &&
        (settings.delimiterStart !== false || columnIndex)
      ) {
        line.push(' ');
      }

      if (settings.alignDelimiters !== false) {
        line.push(before);
      }

      line.push(cell);

      if (settings.alignDelimiters !== false) {
        line.push(after);
      }

      if (settings.padding !== false) {
        line.push(' ');
      }

      if (settings.delimiterEnd !== false || columnIndex !== cellsInRow - 1) {
        line.push('|');
      }
    }

    lines.push(
      settings.delimiterEnd === false
        ? line.join('').replace(/ +$/, '')
        : line.join('')
    );
  }

  return lines.join('\n')
}

/**
 * Serialize a cell value.
 *
 * @param {string | null | undefined} [value]
 *   Value to serialize.
 * @returns {string}
 *   Result.
 */
function serialize(value) {
  return value === null || value === undefined ? '' : String(value)
}

/**
 * Get the alignment character code from a value.
 *
 * @param {string | null | undefined} value
 *   Value.
 * @returns {number}
 *   Alignment.
 */
function toAlignment(value) {
  const code = typeof value === 'string' ? value.codePointAt(0) : 0;

  return code === 67 /* `C` */ || code === 99 /* `c` */
    ? 99 /* `c` */
    : code === 76 /* `L` */ || code === 108 /* `l` */
      ? 108 /* `l` */
      : code === 82 /* `R` */ || code === 114 /* `r` */
        ? 114 /* `r` */
        : 0
}

// The tables of a run report, built with markdown-table. Each returns null when it would have no rows.
function table(rows, target) {
    return markdownTable(rows, target === 'terminal' ? { stringLength: terminalWidth } : {});
}
function changeCell$1(comparison) {
    if (comparison && isSameBuild(comparison))
        return 'same build';
    return comparison ? formatChange(comparison.change) : DASH;
}
const VERDICT_RANK = { regression: 3, inconclusive: 2, improvement: 1, '~': 0 };
function worstVerdict(comparisons) {
    return comparisons.reduce((worst, comparison) => (VERDICT_RANK[comparison.verdict] > VERDICT_RANK[worst] ? comparison.verdict : worst), '~');
}
/** A host's verdict: gating comparisons decide; shown-only ones are marked as such. */
function hostVerdict(results, host) {
    if (host.status === 'failed')
        return host.optional ? '⚠️ failed (optional)' : '⚠️ failed';
    const comparisons = comparisonsOf(results, host.name);
    const gating = comparisons.filter(comparison => comparison.gating);
    if (gating.length > 0)
        return formatVerdict(worstVerdict(gating));
    if (comparisons.length > 0) {
        const verdict = worstVerdict(comparisons);
        return verdict === '~' ? '~' : `${formatVerdict(verdict)} (not gating)`;
    }
    return DASH;
}
function perCallCell$1(host) {
    const exportNoop = host.ffi.export_noop_ns?.median;
    const importNoop = host.ffi.import_noop_ns?.median;
    if (exportNoop == null && importNoop == null)
        return DASH;
    return `${formatNs(exportNoop)} / ${formatNs(importNoop)}`;
}
function overheadCell(host) {
    if (host.name === ROLES.overheadReference)
        return 'reference';
    const overhead = host.workload.overhead_vs_native;
    return overhead ? `${formatChange(overhead.median)} (${formatRange(overhead.ci95)})` : DASH;
}
/** Every host of a run: its figures and, when the run was compared, its changes and verdict. */
function summaryTable(results, target) {
    const compared = results.compared_with.kind !== 'none';
    const header = [
        'host',
        'runtime',
        'wall time',
        `overhead vs ${ROLE_LABELS.overheadReference}`,
        ...(compared ? ['wall change', 'overhead change'] : []),
        'per call: export / import noop',
        ...(compared ? ['verdict'] : [])
    ];
    const rows = results.hosts.map(host => {
        const name = showText(host.name, target);
        const runtime = showText(runtimeLabel(host), target);
        const verdict = compared ? [hostVerdict(results, host)] : [];
        if (host.status === 'failed') {
            const reason = showText(`failed: ${host.error ?? 'unknown reason'}`, target);
            return [name, runtime, reason, DASH, ...(compared ? [DASH, DASH] : []), DASH, ...verdict];
        }
        const changes = compared
            ? [
                changeCell$1(comparisonOf(results, host.name, 'wall_ms')),
                host.name === ROLES.overheadReference ? DASH : changeCell$1(comparisonOf(results, host.name, 'overhead'))
            ]
            : [];
        return [name, runtime, formatMs(host.workload.wall_ms?.median), overheadCell(host), ...changes, perCallCell$1(host), ...verdict];
    });
    return table([header, ...rows], target);
}
function phaseTable(results, target) {
    const hosts = okHosts(results).filter(host => PHASES.some(phase => host.workload.phases_ms[phase]));
    if (hosts.length === 0)
        return null;
    const rows = hosts.map(host => [showText(host.name, target), ...PHASES.map(phase => formatMs(host.workload.phases_ms[phase]?.median))]);
    return table([['host', ...PHASES], ...rows], target);
}
function ffiCell(host, metric) {
    const stats = host.ffi[metric];
    if (!stats)
        return DASH;
    const value = formatMetricValue(metric, stats.median);
    const vsRust = host.ffi_vs_rust[metric];
    // A ratio reads better than a percentage when hosts differ by orders of magnitude (python: ~100× rust).
    return vsRust == null ? value : `${value} (${formatRatio(vsRust + 1)} ${ROLES.perCallReference})`;
}
function ffiTable(results, target) {
    const hosts = okHosts(results).filter(host => FFI_METRICS.some(metric => host.ffi[metric]));
    if (hosts.length === 0)
        return null;
    const header = ['host', ...FFI_METRICS.map(metricLabel), ...FFI_LOOP_NAMES.map(loop => `${FFI_LOOPS[loop]} (subtracted)`)];
    const rows = hosts.map(host => [
        showText(host.name, target),
        ...FFI_METRICS.map(metric => ffiCell(host, metric)),
        ...FFI_LOOP_NAMES.map(loop => formatNs(host.ffi_loops?.[loop]?.median))
    ]);
    return table([header, ...rows], target);
}
/** What the per-call figures are, so that nobody reads node's as the same kind of number as the others. */
const PER_CALL_LEGEND = 'Each figure is the cost of one call with the cost of the same loop without the call subtracted (the host loop for ' +
    'export calls, the guest loop for import calls, both calibrated in the same process and shown in ns per iteration); ' +
    "memory copy is 1 MiB written into the guest's memory and one call that touches it, per KiB. node's figures are V8's " +
    'JIT best case: the hot loops are optimised by TurboFan and the JS-to-Wasm wrappers inlined (its flags are in the ' +
    'toolchain table).';
/** CPU time per workload run (the launcher's rusage): CPU / wall above 1 means the host ran threads in parallel. */
function cpuTable(results, target) {
    const hosts = okHosts(results).filter(host => host.workload.cpu_ms && host.workload.wall_ms);
    if (hosts.length === 0)
        return null;
    const header = ['host', 'wall', 'user CPU', 'system CPU', 'CPU / wall'];
    const rows = hosts.map(host => {
        const { user, system } = host.workload.cpu_ms;
        const wall = host.workload.wall_ms.median;
        return [
            showText(host.name, target),
            formatMs(wall),
            formatMs(user.median),
            formatMs(system.median),
            formatRatio((user.median + system.median) / wall)
        ];
    });
    return table([header, ...rows], target);
}
function scalingTable(results, target) {
    const hosts = okHosts(results).filter(host => host.scaling);
    if (hosts.length === 0)
        return null;
    const header = ['host', 'fixed', 'per item', 'R²', `fixed vs ${ROLES.overheadReference}`, `per item vs ${ROLES.overheadReference}`];
    const rows = hosts.map(host => {
        const fit = host.scaling;
        return [
            showText(host.name, target),
            formatMs(fit.fixed_ms),
            formatNs(fit.per_item_ns),
            Number.isFinite(fit.r2) ? fit.r2.toFixed(4) : DASH,
            host.name === ROLES.overheadReference ? DASH : formatChange(fit.overhead_vs_native.fixed),
            host.name === ROLES.overheadReference ? DASH : formatChange(fit.overhead_vs_native.per_item)
        ];
    });
    return table([header, ...rows], target);
}
/** Every toolchain that shaped a host's figures (a baseline measured with others says so in its note). */
function toolchainTable(results, target) {
    const rows = results.hosts.flatMap(host => {
        const record = asRecord(host.toolchains);
        return record && Object.keys(record).length > 0 ? [[showText(host.name, target), showText(formatToolchain(record), target, 500)]] : [];
    });
    return rows.length > 0 ? table([['host', 'toolchain'], ...rows], target) : null;
}
/** "median 1.23 ms (95% CI 1.20 ms – 1.30 ms, n=30)" */
function describeStats(stats, format = formatMs) {
    return `median ${format(stats.median)} (95% CI ${format(stats.ci95[0])} – ${format(stats.ci95[1])}, n=${stats.n})`;
}
/** Which clock timed the processes, and the harness's own cost of an empty process under it. */
function harnessLine(results, target) {
    const clock = results.harness.clock;
    const source = clock?.source === 'launcher'
        ? 'Wall times from the native launcher (spawn to wait, monotonic clock, as hyperfine -N).'
        : `Wall times from Node (spawn to 'exit' event)${clock?.note ? `: ${showText(clock.note, target, 300)}` : ''}.`;
    return `${source} Spawn cost of an empty process: ${describeStats(results.harness.spawn_ms)}.`;
}
function configLine(results, target) {
    const { iterations, warmup } = results.config;
    const { threshold, alpha, groups } = results.gate;
    const text = (value) => showText(String(value), target);
    return (`iterations ${text(iterations)}, warm-up ${text(warmup)}, threshold ${formatNumber(threshold * 100)}%, ` +
        `alpha ${text(alpha)}, gate ${text(groups.join(', '))}, commit ${text(results.commit.slice(0, 12)) || DASH}`);
}

const ABOVE_FOLD_VERDICT = {
    regression: '❌ regression',
    improvement: '🟢 improvement',
    '~': '✅ no regression',
    inconclusive: '⏳ inconclusive'
};
const decimalsOf$2 = (c) => (isCountMetric(c.metric) ? 2 : 1);
/** What the comparisons were made against: "base" in the same job, "baseline" across runs. */
const againstOf = (run) => (run.compared_with.kind === 'revision' ? 'base' : 'baseline');
/**
 * The gating comparisons a reviewer needs: of each host that changed (a same-job comparison of a program that
 * did not change is zero by construction), its overhead and whatever regressed, improved or stayed open; across
 * runs, only what regressed, improved or stayed open.
 */
function notableComparisons(run) {
    if (run.compared_with.kind === 'none')
        return [];
    const gating = run.comparisons.filter(c => c.gating && !isSameBuild(c));
    return gating.filter(c => c.verdict !== '~' || (run.compared_with.kind === 'revision' && c.metric === 'overhead'));
}
/** A host's headline figure: its overhead, else (the reference host) its instruction count or wall time. */
const PRIMARY = ['overhead', 'instructions', 'wall_ms'];
/** "❌ instructions +1.00%; ⏳ export noop, export add": the other notable figures, grouped by verdict. */
function otherCell(others, target) {
    const groups = ['regression', 'improvement', 'inconclusive'].flatMap(verdict => {
        const list = others.filter(c => c.verdict === verdict);
        if (list.length === 0)
            return [];
        const symbol = ABOVE_FOLD_VERDICT[verdict].split(' ')[0];
        const named = list.map(c => verdict === 'inconclusive' ? metricLabel(c.metric) : `${metricLabel(c.metric)} ${formatChange(c.change, decimalsOf$2(c))}`);
        return [`${symbol} ${named.join(', ')}`];
    });
    return showText(groups.join('; '), target, 300);
}
/**
 * The table above the fold: one row per host that changed, regressed, improved or stayed open, with the change
 * of its overhead (the figure the product exists for) and its verdict, and in one cell its other notable gating
 * figures with theirs.
 */
function changedTable(run, target) {
    const notable = notableComparisons(run);
    const hosts = [...new Set(notable.map(c => c.host))];
    if (hosts.length === 0)
        return null;
    const rows = hosts.map(host => {
        const mine = notable.filter(c => c.host === host);
        const primary = PRIMARY.map(metric => run.comparisons.find(c => c.host === host && c.metric === metric)).find(Boolean);
        const label = primary && primary.metric !== 'overhead' ? ` (${readableMetric(primary.metric)})` : '';
        return [
            showText(host, target),
            primary ? `${formatChange(primary.change, decimalsOf$2(primary))}${label}` : DASH,
            primary ? formatRange(primary.ci95, decimalsOf$2(primary)) : DASH,
            primary ? ABOVE_FOLD_VERDICT[primary.verdict] : DASH,
            otherCell(mine.filter(c => c !== primary), target)
        ];
    });
    return table([['host', 'change', 'range', 'verdict', 'also'], ...rows], target);
}
/** The caption of the table above the fold: what "change" is a change of. */
function changedCaption(run) {
    return `change of each host's overhead vs the ${ROLE_LABELS.overheadReference}, head against ${againstOf(run)}`;
}
/** Notes the rows carried, once each with the hosts they concern, leaving out what the table's title says. */
function notesOf(comparisons, target) {
    const hostsByNote = new Map();
    for (const c of comparisons) {
        for (const note of (c.note ?? '').split('; ')) {
            if (!note || note === NOTE_NOT_GATED || note === NOTE_CONTEXT)
                continue;
            hostsByNote.set(note, (hostsByNote.get(note) ?? new Set()).add(c.host));
        }
    }
    if (hostsByNote.size === 0)
        return null;
    const lines = [...hostsByNote].map(([note, hosts]) => `${showText(note, target, 300)} (${showText([...hosts].join(', '), target)})`);
    return `Notes: ${lines.join('; ')}.`;
}
function comparisonRows(comparisons, against, target) {
    const header = ['host', 'metric', against, 'head', 'change', 'range', 'p', 'verdict'];
    const rows = comparisons.map(c => [
        showText(c.host, target),
        showText(readableMetric(c.metric), target),
        formatMetricValue(c.metric, c.baseline_median),
        formatMetricValue(c.metric, c.current_median),
        formatChange(c.change, decimalsOf$2(c)),
        formatRange(c.ci95, decimalsOf$2(c)),
        isCountMetric(c.metric) ? DASH : formatP(c.p),
        formatVerdict(c.verdict)
    ]);
    return table([header, ...rows], target);
}
/**
 * The timed comparisons in the details: gating and shown-only apart (no per-row "gate" column), the same builds
 * named once instead of a zero row each, and every note once under its table.
 */
function comparisonSections(comparisons, against, target) {
    const same = comparisons.filter(isSameBuild);
    const measured = comparisons.filter(c => !isSameBuild(c));
    const sections = [];
    const add = (title, list, extra) => {
        if (list.length === 0 && !extra)
            return;
        const parts = [list.length > 0 ? comparisonRows(list, against, target) : null, notesOf(list, target), extra];
        sections.push({ title, body: parts.filter(Boolean).join('\n\n') });
    };
    const sameHosts = [...new Set(same.map(c => c.host))];
    const sameLine = sameHosts.length > 0 ? `Unchanged by construction (the same build in both revisions): ${showText(sameHosts.join(', '), target)}.` : null;
    add(`Gating comparisons with the ${against}`, measured.filter(c => c.gating), sameLine);
    add('Shown only, not gating', measured.filter(c => !c.gating), null);
    return sections;
}
/**
 * The stored baseline as context of a same-job comparison: only what it flags (its own test, its own wider
 * threshold), with the rest counted; the title says it does not gate.
 */
function contextTable(comparisons, target) {
    if (comparisons.length === 0)
        return null;
    const flagged = comparisons.filter(c => c.verdict !== '~');
    const rest = comparisons.length - flagged.length;
    const quiet = rest > 0 ? `${flagged.length > 0 ? 'The other' : 'All'} ${rest} figures: ~ (no change beyond the baseline threshold).` : null;
    const rows = flagged.length > 0 ? comparisonRows(flagged, 'baseline', target) : null;
    return [rows, notesOf(comparisons, target), quiet].filter(Boolean).join('\n\n');
}

/** Rounds after which the interval would clear `threshold`, or null when no number of rounds is likely to. */
function roundsToDecide({ n, change, ci }, threshold) {
    const [low, high, estimate, bound] = [ci[0], ci[1], change, threshold].map(Math.log1p);
    if (![low, high, estimate].every(Number.isFinite))
        return null;
    const [have, need] = estimate > bound ? [estimate - low, estimate - bound] : [high - estimate, bound - estimate];
    if (need <= 0)
        return null;
    return Math.max(n, Math.ceil(n * (have / need) ** 2));
}

// The headline of a report: per OS one status and why in one short line, and the worst of them on top.
// What the status is comes from src/gate.ts; this module only says it.
/** The symbol and words of each status: the comment, the job summary and the terminal all say these. */
const STATUS_TEXT = {
    pass: { symbol: '✅', label: 'no regression' },
    baseline: { symbol: '📝', label: 'baseline recorded' },
    inconclusive: { symbol: '⏳', label: 'inconclusive' },
    regression: { symbol: '❌', label: 'regression' },
    error: { symbol: '⚠️', label: 'failed' }
};
/** At most this many comparisons are named in one line; the rest are counted. */
const NAMED = 3;
const decimalsOf$1 = (c) => (isCountMetric(c.metric) ? 2 : 1);
/** "go overhead vs wasmtime CLI +2.8% (+1.8% to +3.7%)" */
function describeComparison(c, target) {
    const what = showText(`${c.host} ${readableMetric(c.metric)}`, target);
    return `${what} ${formatChange(c.change, decimalsOf$1(c))} (${formatRange(c.ci95, decimalsOf$1(c))})`;
}
function named(items) {
    const shown = items.slice(0, NAMED).join(', ');
    return items.length > NAMED ? `${shown} and ${items.length - NAMED} more` : shown;
}
const gatingOf = (run) => run.comparisons.filter(c => c.gating);
/** The threshold the run's comparisons were judged with: in the same job, or against the stored baseline. */
function thresholdOf(run) {
    return run.compared_with.kind === 'revision' ? run.gate.threshold : run.gate.baseline_threshold;
}
/**
 * What would decide open timed comparisons: their intervals narrow like 1/√n, so the slowest needs its rounds
 * times (its interval / the room to the threshold)²; a per-call figure sampled every few rounds needs its rounds
 * per sample too. Beyond 100 times the rounds taken the estimate says little: "over" that many minutes.
 */
function distanceToDecision(run, open) {
    const { rounds, seconds } = run.compared_with;
    const minutesPerRound = seconds / Math.max(1, rounds) / 60;
    let most = 0;
    for (const c of open) {
        // a handful of samples gives no interval yet (an unbounded one): a longer budget gives them one
        if (!c.ci95.every(Number.isFinite) || c.ci95[0] <= -1)
            return { samples: Math.min(...open.map(o => o.n ?? rounds)) };
        const needed = roundsToDecide({ n: c.n ?? rounds, change: c.change, ci: c.ci95 }, thresholdOf(run));
        if (needed === null)
            return 'on-threshold';
        most = Math.max(most, (needed * rounds) / Math.max(1, c.n ?? rounds));
    }
    if (most > 100 * rounds)
        return { over: Math.ceil(100 * rounds * minutesPerRound) };
    return { minutes: Math.max(1, Math.ceil(most * minutesPerRound)) };
}
function describeDistance(group, distance) {
    if (distance === 'on-threshold')
        return `${group}: an estimate on the threshold, which more rounds may never clear`;
    if ('samples' in distance)
        return `${group}: ${distance.samples} samples, too few for an interval`;
    return 'over' in distance ? `${group} over ${distance.over} min` : `${group} about ${distance.minutes} min`;
}
function whyInconclusive(run, target) {
    if (run.compared_with.kind === 'none') {
        const why = run.baseline_note ?? run.compared_with.note;
        return `nothing was compared: no base revision, no baseline${why ? ` (${showText(why, target, 120)})` : ''}`;
    }
    const gating = gatingOf(run);
    if (gating.length === 0)
        return `no comparison gates (gate: ${showText(run.gate.groups.join(', '), target)})`;
    const open = gating.filter(c => c.verdict === 'inconclusive');
    const what = `${open.length} of ${gating.length} gating comparisons stayed open (${named(open.map(c => showText(`${c.host} ${readableMetric(c.metric)}`, target)))})`;
    const timed = open.filter(c => !isCountMetric(c.metric));
    const counts = open.filter(c => isCountMetric(c.metric));
    const deciders = [];
    if (timed.length > 0) {
        // per gate group, so the overhead's need is not drowned by the noisier per-call figures'
        const groups = [...new Set(timed.map(c => METRICS[c.metric]?.group ?? 'shown'))];
        const needs = groups.map(group => describeDistance(group, distanceToDecision(run, timed.filter(c => (METRICS[c.metric]?.group ?? 'shown') === group))));
        deciders.push(`timed rounds to decide: ${needs.join(', ')} (this run: ${formatSeconds(run.compared_with.seconds)}; input time-budget-minutes)`);
    }
    if (counts.length > 0) {
        const threshold = formatPercent(run.gate.instructions_threshold ?? 0);
        deciders.push(`instruction ranges straddle ±${threshold}: ${named(counts.map(c => describeComparison(c, target)))}`);
    }
    return `${what}; ${deciders.join('; ')}`;
}
function whyPass(run, target) {
    const gating = gatingOf(run);
    const measured = gating.filter(c => !isSameBuild(c));
    const improved = gating.filter(c => c.verdict === 'improvement');
    const within = `±${formatPercent(thresholdOf(run))}`;
    const decided = measured.length === 0
        ? 'no host changed (each ran the same build in both revisions)'
        : `${measured.length} gating comparison${measured.length > 1 ? 's' : ''} of ${named([...new Set(measured.map(c => showText(c.host, target)))])} decided, none beyond +${within.slice(1)}`;
    return improved.length > 0 ? `${decided}; 🟢 faster: ${named(improved.map(c => describeComparison(c, target)))}` : decided;
}
function whyBaseline(run, target) {
    const hosts = okHosts(run);
    const overheads = hosts
        .filter(h => h.name !== ROLES.overheadReference && h.workload.overhead_vs_native)
        .map(h => `${showText(h.name, target)} ${formatChange(h.workload.overhead_vs_native.median)}`);
    const figures = overheads.length > 0 ? `; overhead vs ${ROLE_LABELS.overheadReference}: ${overheads.join(', ')}` : '';
    return `${hosts.length} host${hosts.length === 1 ? '' : 's'} measured, the next run compares with them${figures}`;
}
function failures(run, target) {
    return run.hosts
        .filter(h => h.status === 'failed')
        .map(h => `${showText(h.name, target)}${h.optional ? ' (optional)' : ''}: ${showText(h.error ?? 'unknown reason', target, 100)}`);
}
/** Why a run has its status, in one line. */
function statusReason(run, target) {
    const status = runStatus(run);
    const regressions = gatingOf(run).filter(c => c.verdict === 'regression');
    const failed = failures(run, target);
    const parts = [];
    if (status === 'error')
        parts.push(failed.length > 0 ? named(failed) : 'the run reported an error');
    if (regressions.length > 0)
        parts.push(named(regressions.map(c => describeComparison(c, target))));
    if (status === 'inconclusive')
        parts.push(whyInconclusive(run, target));
    if (status === 'pass')
        parts.push(whyPass(run, target));
    if (status === 'baseline')
        parts.push(whyBaseline(run, target));
    if (status !== 'error' && failed.length > 0)
        parts.push(`failed: ${named(failed)}`);
    return parts.join('; ');
}
/** "❌ **Linux x64** regression: go overhead vs wasmtime CLI +2.8% (+1.8% to +3.7%)" per OS. */
function statusLines(all, target) {
    return sortRuns(all).map(run => {
        const { symbol, label } = STATUS_TEXT[runStatus(run)];
        const os = showText(runnerLabel(run), target);
        return `${symbol} ${target === 'markdown' ? `**${os}**` : os} ${label}: ${statusReason(run, target)}`;
    });
}
/** The overall status: the worst of the runs'. */
function overallStatus(all) {
    return worstStatus(all.map(runStatus));
}
/** "⏳ wasm-ffi-bench: inconclusive" */
function titleLine(all, title) {
    const { symbol, label } = STATUS_TEXT[overallStatus(all)];
    return `${symbol} ${title}: ${label}`;
}
/** The inconclusive runs' reasons, for the job's failure message when fail-on-inconclusive is on. */
function inconclusiveLines(all) {
    return sortRuns(all)
        .filter(run => runStatus(run) === 'inconclusive')
        .map(run => `${runnerLabel(run)}: ${statusReason(run, 'terminal')}`);
}

const INSTRUCTIONS_LEGEND = "Instructions counted by valgrind's cachegrind: the work the CPU did in the host, the runtime, the compiler and the " +
    'JIT-compiled guest, on one compiler thread (node with --predictable, python with a fixed hash seed) so that a count ' +
    'repeats to a few in 100,000. They are not time: cache misses, system-call latency, waiting, and the parallel ' +
    'compile threads that shorten wall time are not in them. The change is decided by the range of every head/base ratio, ' +
    'not by a p-value: a regression needs every head run beyond every base run by more than the threshold. Per call: the ' +
    "difference between a run with the loop at N calls and one at 2N, over N, the host's own loop iteration included " +
    "(not for node: V8's optimisation of a loop and its GC still vary from run to run); " +
    'from one pair of runs, they vary by up to about 1.5% from run to run, so they are shown and gate only when the gate ' +
    'input has per-call-instructions.';
/** "655.14 M ±0.01%": the median and the spread of the runs around it. */
function countCell(stats) {
    if (!stats)
        return DASH;
    const spread = (stats.max - stats.min) / 2 / stats.median;
    return Number.isFinite(spread) ? `${formatCount(stats.median)} ±${(spread * 100).toFixed(3)}%` : formatCount(stats.median);
}
function changeCell(comparison) {
    return comparison
        ? `${formatChange(comparison.change, 2)} (${formatRange(comparison.ci95, 2)}) ${formatVerdict(comparison.verdict)}`
        : DASH;
}
function perCallCell(results, host, metric) {
    const stats = host.instructions?.per_call?.[metric];
    if (!stats)
        return DASH;
    const comparison = comparisonOf(results, host.name, instructionMetric(metric));
    const value = formatMetricValue(instructionMetric(metric), stats.median);
    if (!comparison)
        return value;
    return `${value} (${formatChange(comparison.change, 2)}${comparison.gating ? ` ${formatVerdict(comparison.verdict)}` : ''})`;
}
/** One line when nothing was counted (why), else the table; null for results from before instruction counts. */
function instructionsSection(results, target) {
    const run = results.instructions;
    if (!run)
        return null;
    if (run.counter === null)
        return `Instruction counts: ${showText(run.note ?? 'not counted', target, 300)}.`;
    const hosts = results.hosts.filter(host => host.status === 'ok' && host.instructions);
    if (hosts.length === 0)
        return null;
    const against = results.compared_with.kind === 'revision' ? 'base' : 'baseline';
    const header = ['host', 'instructions', `change vs ${against} (range)`, ...FFI_METRICS.map(m => `${metricLabel(m)} per call`)];
    const rows = hosts.map(host => [
        showText(host.name, target),
        host.instructions.workload ? countCell(host.instructions.workload) : DASH,
        changeCell(comparisonOf(results, host.name, 'instructions')),
        ...FFI_METRICS.map(metric => perCallCell(results, host, metric))
    ]);
    // A host that failed under the counter keeps what did count; the failure is named under the table.
    const failures = hosts
        .filter(host => host.instructions.error)
        .map(host => `${showText(host.name, target)}: ${showText(host.instructions.error, target, 300)}`);
    const tableText = table([header, ...rows], target);
    const how = `${showText(run.counter, target)}, ${run.runs} workload runs per host and revision; ${run.processes} processes, ` +
        `${run.parallel} at a time, in ${run.seconds.toFixed(0)} s (${run.process_seconds.toFixed(0)} s one after another)`;
    const notCounted = [...(run.note ? [showText(run.note, target, 300)] : []), ...failures];
    const failed = notCounted.length > 0 ? `\n\nNot counted: ${notCounted.join('; ')}.` : '';
    return `${tableText}${failed}\n\n${how}.`;
}

const isHex = (sha) => typeof sha === 'string' && /^[0-9a-f]{7,64}$/.test(sha);
const isWebUrl = (url) => typeof url === 'string' && /^https?:\/\/[^\s()<>[\]]+$/.test(url);
/** A commit as inline code, short. */
const shortSha = (sha) => `\`${sha.slice(0, 7)}\``;
/** The head and base commits the runs were compared at (a same-job comparison's base), when both are plain hex. */
function commits(all) {
    const run = sortRuns(all).find(r => r.compared_with.kind === 'revision') ?? sortRuns(all)[0];
    if (!run || !isHex(run.commit))
        return null;
    const base = run.compared_with.kind !== 'none' && isHex(run.compared_with.commit) ? run.compared_with.commit : null;
    return { head: run.commit, base };
}
/** "[workflow run](…) · base [`abc1234`](…) · [compare](…) · [results](…)", or null when there is nothing to link. */
function linksLine(all, links) {
    const parts = [];
    if (isWebUrl(links.runUrl))
        parts.push(`[workflow run](${links.runUrl})`);
    const at = commits(all);
    const repo = isWebUrl(links.repoUrl) ? links.repoUrl : null;
    if (at?.base) {
        parts.push(repo ? `base [${shortSha(at.base)}](${repo}/commit/${at.base})` : `base ${shortSha(at.base)}`);
        if (repo)
            parts.push(`[changes ${at.base.slice(0, 7)}…${at.head.slice(0, 7)}](${repo}/compare/${at.base}...${at.head})`);
    }
    else if (at) {
        parts.push(repo ? `commit [${shortSha(at.head)}](${repo}/commit/${at.head})` : `commit ${shortSha(at.head)}`);
    }
    if (isWebUrl(links.artifactsUrl))
        parts.push(`[results (JSON)](${links.artifactsUrl})`);
    return parts.length > 0 ? parts.join(' · ') : null;
}

// Mermaid `xychart-beta` bar charts of a run, fenced for GitHub markdown. A chart with nothing to show is ''.
/**
 * Mermaid strings are double-quoted and cannot escape a quote: replace it; keep it on one bounded line without
 * control characters or backticks, so that no label can end the fence.
 */
function quote(text) {
    return `"${escapeCell(text, 80).replace(/"/g, "'").replace(/`/g, "'")}"`;
}
/** A plain decimal (never exponent notation), at most 3 decimals. */
function chartNumber(value) {
    const rounded = Number(value.toFixed(3));
    return Object.is(rounded, -0) ? '0' : String(rounded).includes('e') ? rounded.toFixed(3) : String(rounded);
}
/** A round axis bound about 10% above a positive value, to two significant digits: 107 -> 120, 0.84 -> 0.93. */
function niceBound(value) {
    const padded = value * 1.1;
    const step = 10 ** (Math.floor(Math.log10(padded)) - 1);
    return Number((Math.ceil(padded / step) * step).toPrecision(6));
}
function barChart(title, unit, bars) {
    const values = bars.map(bar => bar.value);
    const max = Math.max(0, ...values);
    const min = Math.min(0, ...values);
    const yMin = min < 0 ? -niceBound(-min) : 0;
    const yMax = max > 0 ? niceBound(max) : 1;
    return [
        '```mermaid',
        'xychart-beta',
        `    title ${quote(title)}`,
        `    x-axis [${bars.map(bar => quote(bar.label)).join(', ')}]`,
        `    y-axis ${quote(unit)} ${chartNumber(yMin)} --> ${chartNumber(yMax)}`,
        `    bar [${values.map(chartNumber).join(', ')}]`,
        '```'
    ].join('\n');
}
function chartOrEmpty(title, unit, bars) {
    const finite = bars.filter(bar => Number.isFinite(bar.value));
    return finite.length === 0 ? '' : barChart(title, unit, finite);
}
/** Median workload wall time per host that ran. */
function medianChart(results) {
    const bars = okHosts(results).flatMap(host => (host.workload.wall_ms ? [{ label: host.name, value: host.workload.wall_ms.median }] : []));
    return chartOrEmpty(`Median workload wall time, ${runnerLabel(results)}`, 'ms', bars);
}
/** The fitted fixed cost (ms) per host, then the per-item cost (ns); '' when scaling did not run. */
function scalingChart(results) {
    const fits = okHosts(results).flatMap(host => (host.scaling ? [{ host: host.name, fit: host.scaling }] : []));
    const fixed = chartOrEmpty(`Fixed cost (start-up and set-up), ${runnerLabel(results)}`, 'ms', fits.map(({ host, fit }) => ({ label: host, value: fit.fixed_ms })));
    const perItem = chartOrEmpty(`Per-item cost, ${runnerLabel(results)}`, 'ns', fits.map(({ host, fit }) => ({ label: host, value: fit.per_item_ns })));
    return [fixed, perItem].filter(chart => chart !== '').join('\n\n');
}

// The gate's messages, one line per gating regression; what regressed is decided by src/gate.ts.
function regressionsOf(all) {
    return judge(sortRuns(all), false).regressions;
}
/** Instruction counts are precise to a few in 100,000: their changes are shown to 0.01%. */
const decimalsOf = (comparison) => (isCountMetric(comparison.metric) ? 2 : 1);
/** "p=0.001", or for an instruction count (no p-value) the range of its run ratios. */
function evidence(comparison) {
    return isCountMetric(comparison.metric) ? `every run, range ${formatCi(comparison.ci95, 2)}` : formatPInline(comparison.p);
}
/** One line per gating regression: "Linux x64: go overhead +25.0% (CI [+20.1%, +30.2%], p=0.001)". */
function renderGateMessage(all) {
    return regressionsOf(all).map(({ run, comparison }) => `${runnerLabel(run)}: ${comparison.host} ${metricLabel(comparison.metric)} ${formatChange(comparison.change, decimalsOf(comparison))} ` +
        (isCountMetric(comparison.metric) ? `(${evidence(comparison)})` : `(CI ${formatCi(comparison.ci95)}, ${formatPInline(comparison.p)})`));
}

// Run reports for the job summary, the PR comment and the terminal (docs/design.md, "Reports"). Above the fold:
// the headline (one status per OS), the links, and per OS only what changed; everything else is collapsed.
/** The hidden marker that finds the sticky PR comment. */
const COMMENT_MARKER = '<!-- wasm-ffi-bench:comment -->';
/** GitHub rejects comment bodies over 65,536 characters. */
const MAX_COMMENT_LENGTH = 65_536;
/** The collapsed part starts here: what is above it is what a reviewer sees. */
const DETAILS_OPEN = '<details><summary>Details: every host and figure, comparisons, instruction counts, toolchains, how to read them</summary>';
const DETAILS_CLOSE = '</details>';
const timed = (run) => run.comparisons.filter(c => !isCountMetric(c.metric));
/** What the changes are measured against and how the sampling went, with the notes of the run, each once. */
function comparedWith(run, target) {
    const { kind, commit, source, rounds, seconds, decided, note } = run.compared_with;
    const sha = commit && /^[0-9a-f]+$/.test(commit) ? shortSha(commit) : showText(commit ?? '', target);
    const sampling = `${showText(String(rounds), target)} rounds in ${formatSeconds(seconds)}`;
    const lines = [];
    if (kind === 'revision') {
        const stop = decided ? 'stopped when every gating comparison was decided' : 'stopped when the time or round budget ran out';
        lines.push(`Compared with ${showText(source, target)} ${sha}, measured in the same job, paired round by round: ${sampling}, ${stop}.`);
    }
    else if (kind === 'baseline') {
        lines.push(`Compared with the stored baseline (${showText(source, target)}, commit ${sha}): ${sampling}.`);
    }
    else {
        lines.push(`Not compared: ${sampling}.`);
    }
    const sentence = (text, max) => showText(text, target, max).replace(/\.*$/, '.');
    if (note)
        lines.push(`Sampling: ${sentence(note, 600)}`);
    if (run.baseline_note)
        lines.push(`Stored baseline: ${sentence(run.baseline_note, 500)}`);
    return lines.join(target === 'markdown' ? '\n\n' : '\n');
}
function detailSections(run, target) {
    const sections = [];
    const add = (title, body) => {
        if (body)
            sections.push({ title, body });
    };
    add('Every host', `${comparedWith(run, target)}\n\n${summaryTable(run, target)}`);
    add('Instruction counts', instructionsSection(run, target));
    for (const section of comparisonSections(timed(run), againstOf(run), target))
        add(section.title, section.body);
    add('Context: the stored baseline of the default branch (not gating)', contextTable(run.baseline_comparisons.filter(c => !isCountMetric(c.metric)), target));
    add('Phase medians (in-process)', phaseTable(run, target));
    add('CPU time per workload run (median)', cpuTable(run, target));
    add(`Per-call costs (median, relative to ${ROLES.perCallReference})`, ffiTable(run, target));
    add('Scaling: time = fixed + per item × size', scalingTable(run, target));
    add('Toolchains', toolchainTable(run, target));
    add('Harness', harnessLine(run, target));
    add('Config', `${configLine(run, target)}.`);
    return sections;
}
/** How to read the tables: said once per report, not per row or per OS. */
function legend(all) {
    const levels = [...new Set(all.flatMap(run => timed(run).map(c => c.ci_level ?? 0.95)))].sort();
    const level = levels.length > 0 ? levels.map(l => `${Number((l * 100).toFixed(1))}%`).join(', ') : '95%';
    const lines = [
        `- **${ROLES.overheadReference}** is the ${ROLE_LABELS.overheadReference} running the same module, not native code: every other host's overhead is its time over the CLI's, paired per round.`,
        `- **change**: head against base (or the stored baseline). **range**: the interval of the change (timed figures: at ${level} confidence, the level the run's last look spent; instruction counts: from the smallest to the largest head/base ratio).`,
        '- **verdict**: ❌ regression (significant and the whole range beyond the threshold), 🟢 improvement, ~ or ✅ no regression (the whole range within the threshold), ⏳ inconclusive (anything else; never fails the build unless fail-on-inconclusive is on).',
        `- **Per call**: ${PER_CALL_LEGEND}`
    ];
    if (all.some(run => run.instructions?.counter))
        lines.push(`- **Instructions**: ${INSTRUCTIONS_LEGEND}`);
    return lines.join('\n');
}
function osDetails(run) {
    const title = `### ${showText(runnerLabel(run), 'markdown')} — ${showText(run.runner.cpu || 'unknown CPU', 'markdown')}`;
    const sections = detailSections(run, 'markdown').map(section => `#### ${section.title}\n\n${section.body}`);
    const charts = [medianChart(run), scalingChart(run)].filter(chart => chart !== '');
    return [title, ...sections, ...charts].join('\n\n');
}
function renderDetails(all) {
    const blocks = [...sortRuns(all).map(osDetails), `### How to read this\n\n${legend(all)}`];
    return [DETAILS_OPEN, '', ...blocks.flatMap(block => [block, '']), DETAILS_CLOSE].join('\n');
}
/** Per OS, the table of what changed, regressed, improved or stayed open; nothing for an OS where nothing did. */
function changedSections(all) {
    return sortRuns(all).flatMap(run => {
        const changed = changedTable(run, 'markdown');
        return changed ? [`**${showText(runnerLabel(run), 'markdown')}**: ${changedCaption(run)}\n\n${changed}`] : [];
    });
}
function combined(all, opts, withDetails) {
    const title = opts.title ?? 'wasm-ffi-bench';
    const parts = [COMMENT_MARKER, `## ${titleLine(all, title)}`];
    if (all.length === 0)
        parts.push('No results were found.');
    else
        parts.push(statusLines(all, 'markdown')
            .map(line => `- ${line}`)
            .join('\n'));
    const links = linksLine(all, opts);
    if (links)
        parts.push(links);
    parts.push(...changedSections(all));
    if (withDetails && all.length > 0)
        parts.push(renderDetails(all));
    return `${parts.join('\n\n')}\n`;
}
function truncate(text, runUrl) {
    const link = runUrl ? ` The full report is in the [workflow run](${runUrl}).` : '';
    const note = `\n\n> ⚠️ This report was truncated to fit a GitHub comment.${link}\n`;
    const room = MAX_COMMENT_LENGTH - note.length;
    const cut = text.lastIndexOf('\n', room);
    return text.slice(0, cut > 0 ? cut : room) + note;
}
/**
 * The sticky PR comment for the whole matrix: the marker, the headline, the links, what changed per OS, then the
 * details collapsed. Kept under GitHub's limit: details are dropped first, then the text is cut with a note.
 */
function renderCombinedReport(all, opts = {}) {
    const full = combined(all, opts, true);
    if (full.length <= MAX_COMMENT_LENGTH)
        return full;
    const compact = combined(all, opts, false);
    if (compact.length <= MAX_COMMENT_LENGTH)
        return compact;
    return truncate(compact, opts.runUrl);
}
/** One OS's report (its job summary): the same headline, table and details as the comment. */
function renderRunReport(results, links = {}) {
    return renderCombinedReport([results], links).slice(COMMENT_MARKER.length + 1);
}
/** The same report for a terminal: plain headings, no HTML, no charts. */
function renderTerminal(results) {
    const title = titleLine([results], 'wasm-ffi-bench');
    const parts = [`${title}\n${'='.repeat(title.length)}`, statusLines([results], 'terminal').join('\n')];
    const changed = changedTable(results, 'terminal');
    if (changed)
        parts.push(changed);
    for (const section of detailSections(results, 'terminal')) {
        parts.push(`${section.title}\n${'-'.repeat(section.title.length)}\n${section.body}`);
    }
    parts.push(`How to read this\n----------------\n${legend([results])}`);
    return `${parts.join('\n\n')}\n`;
}

// The action's own checkout (guest/ and hosts/ live there), whether running from src/ or the bundled dist/.
function findRepoRoot(start = path.dirname(fileURLToPath(import.meta.url))) {
    let dir = start;
    while (!existsSync(path.join(dir, 'hosts')) || !existsSync(path.join(dir, 'guest'))) {
        const parent = path.dirname(dir);
        if (parent === dir)
            throw new Error(`cannot find the wasm-ffi-bench checkout (guest/ and hosts/) above ${start}`);
        dir = parent;
    }
    return dir;
}

// git for the same-job comparison: an argument array, a timeout, and an environment that carries no tokens.
// actions/checkout persists its credentials as an http.extraheader in .git/config, so git needs no token from us.
/** Reading refs and objects. */
const QUICK_TIMEOUT = MINUTE;
/** A shallow fetch or a checkout of a large tree. */
const NETWORK_TIMEOUT = 10 * MINUTE;
// Where git finds its programs and its configuration (user, system, credential helpers, SSH agent, proxies),
// on Linux, macOS and Windows. Nothing else of the runner's environment reaches git.
const ALLOWED = [
    'PATH',
    'HOME',
    'XDG_CONFIG_HOME',
    'GIT_CONFIG_GLOBAL',
    'GIT_CONFIG_SYSTEM',
    'GIT_SSH',
    'GIT_SSH_COMMAND',
    'SSH_AUTH_SOCK',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'LANG',
    'TMPDIR',
    'TEMP',
    'TMP',
    'SYSTEMROOT',
    'WINDIR',
    'COMSPEC',
    'PATHEXT',
    'USERPROFILE',
    'HOMEDRIVE',
    'HOMEPATH',
    'APPDATA',
    'LOCALAPPDATA',
    'PROGRAMDATA',
    'PROGRAMFILES'
];
/** The environment of every git process: the allow-list, and never a prompt (a job has nobody to answer it). */
function gitEnv(env = process.env) {
    const out = {};
    for (const [key, value] of Object.entries(env)) {
        // Names are case-insensitive on Windows (Path, SystemRoot) and proxies are often spelt in lower case.
        if (value !== undefined && ALLOWED.includes(key.toUpperCase()))
            out[key] = value;
    }
    out.GIT_TERMINAL_PROMPT = '0';
    out.GCM_INTERACTIVE = 'never';
    return out;
}
function runGit(repoDir, args, options = {}, timeoutMs = QUICK_TIMEOUT) {
    return exec(options.program ?? 'git', args, { cwd: repoDir, env: gitEnv(options.env), timeoutMs });
}
/** Why a git command failed, in one line: git's first fatal or error line says it best. */
function gitFailure(args, result, timeoutMs = QUICK_TIMEOUT) {
    const what = `git ${args[0]}`;
    if (result.spawnError || result.timedOut)
        return describeFailure(what, result, timeoutMs);
    const lines = result.stderr.split(/\r?\n/).filter(line => line.trim());
    const line = lines.find(l => /^(fatal|error): /.test(l)) ?? lines[lines.length - 1] ?? '';
    return `${what}: exit code ${result.code}${line ? `: ${line.trim()}` : ''}`;
}
/** A full commit id (SHA-1, or SHA-256 in repositories that use it): nothing else is handed to git as a revision. */
function isFullSha(value) {
    return typeof value === 'string' && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(value);
}

// The CLI's `--compare-with REF`: any git ref the user's repository knows, resolved to a full commit id.
/** A `--compare-with` value that is not a commit: the CLI prints the message and exits 1, no stack trace. */
class CompareRefError extends Error {
    ref;
    repo;
    constructor(ref, repo, detail = `is not a commit in ${repo}`) {
        super(`--compare-with "${ref}" ${detail}`);
        this.ref = ref;
        this.repo = repo;
        this.name = 'CompareRefError';
    }
}
/** The repository's top-level directory, or null when dir is not inside a git work tree. */
async function findWorkspace(dir, options = {}) {
    const result = await runGit(dir, ['rev-parse', '--show-toplevel'], options);
    return result.ok ? result.stdout.trim() : null;
}
/** The full commit id of ref in the repository at repoDir; throws CompareRefError when there is none. */
async function resolveRef(repoDir, ref, options = {}) {
    if (!ref.trim())
        throw new CompareRefError(ref, repoDir, 'is empty: name a branch, tag or commit');
    // --end-of-options: a ref that starts with "-" is a ref, never an option.
    const result = await runGit(repoDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], options);
    if (result.ok)
        return result.stdout.trim();
    if (result.spawnError || result.timedOut) {
        throw new CompareRefError(ref, repoDir, `could not be resolved: ${result.spawnError ? `git could not start (${result.spawnError})` : 'git timed out'}`);
    }
    const workspace = await findWorkspace(repoDir, options);
    throw new CompareRefError(ref, repoDir, workspace ? `is not a commit in ${workspace}` : `needs a git repository: ${repoDir} is not in one`);
}

const NO_COMMIT = /^0+$/;
/** The action: the setting of the `compare` input and the event that started the run. */
function chooseComparison(setting, event) {
    if (setting === 'none')
        return { kind: 'none', why: 'compare: none' };
    if (setting === 'baseline')
        return { kind: 'baseline', why: 'compare: baseline' };
    switch (event.eventName) {
        case 'pull_request':
            return pullRequestBase(event.payload);
        case 'push':
            return previousTip(event.payload);
        case 'pull_request_target':
            // It runs the base branch's workflow on the base's checkout: there is no head to put against the base.
            return { kind: 'baseline', why: 'pull_request_target event: same-job comparisons run on pull_request only' };
        default:
            return { kind: 'baseline', why: `${event.eventName} event: no other revision to compare with` };
    }
}
function pullRequestBase(payload) {
    const pr = record(payload.pull_request);
    const base = record(pr.base);
    const number = typeof pr.number === 'number' ? ` #${pr.number}` : '';
    if (!isFullSha(base.sha)) {
        return { kind: 'baseline', why: `pull request${number}: the event has no pull_request.base.sha` };
    }
    const branch = typeof base.ref === 'string' && base.ref ? base.ref : 'base';
    return {
        kind: 'revision',
        sha: base.sha,
        label: `base (${branch})`,
        why: `pull request${number}: its base, ${branch} at ${base.sha.slice(0, 12)}`
    };
}
function previousTip(payload) {
    const branch = typeof payload.ref === 'string' ? payload.ref.replace(/^refs\/(heads|tags)\//, '') : '';
    const where = branch ? ` to ${branch}` : '';
    if (payload.deleted === true)
        return { kind: 'baseline', why: `push${where}: the ref was deleted` };
    const before = payload.before;
    if (typeof before === 'string' && NO_COMMIT.test(before)) {
        return { kind: 'baseline', why: `push${where}: a new ref, no previous tip` };
    }
    if (!isFullSha(before))
        return { kind: 'baseline', why: `push${where}: the event has no "before" commit` };
    return {
        kind: 'revision',
        sha: before,
        label: `before (${branch || 'previous tip'})`,
        why: `push${where}: the previous tip ${before.slice(0, 12)}`
    };
}
/**
 * The CLI: with `--compare-with REF`, the working tree against REF (resolved here; a ref that is not a commit
 * throws CompareRefError); without it, the local baseline file.
 */
async function chooseCliComparison(repoDir, compareWith, git = {}) {
    if (compareWith === undefined)
        return { kind: 'baseline', why: 'no --compare-with: the local baseline file' };
    const sha = await resolveRef(repoDir, compareWith, git);
    return { kind: 'revision', sha, label: compareWith, why: `--compare-with ${compareWith}: ${sha.slice(0, 12)}` };
}
function record(value) {
    return typeof value === 'object' && value !== null ? value : {};
}

// The other revision's files, outside the workspace: fetched shallowly when the clone lacks the commit, then
// checked out with `git worktree add --detach`.
//
// Why a worktree and not `git archive | tar -x`: one git command and no tar; it needs only the commit and its
// tree, so it works in a shallow clone (and fetches missing blobs lazily in a partial clone); and it checks files
// out exactly as the head was checked out (core.autocrlf, LFS and other filters from the clone's configuration)
// where an archive would drop `export-ignore` paths and skip those filters. It does write an entry under
// .git/worktrees, which the cleanup removes (and `git worktree prune` forgets if a job dies first).
/** A fresh empty directory for a revision's tree: under RUNNER_TEMP on runners, the system's temp dir locally. */
function revisionDestDir(sha, env = process.env) {
    const parent = env.RUNNER_TEMP || os.tmpdir();
    return mkdtempSync(path.join(parent, `wasm-ffi-bench-${sha.slice(0, 12)}-`));
}
async function materialiseRevision(options) {
    const { repoDir, sha, git } = options;
    const short = typeof sha === 'string' ? sha.slice(0, 12) : '';
    if (!isFullSha(sha))
        return { ok: false, reason: `"${short}" is not a full commit id` };
    const destDir = path.resolve(options.destDir);
    // Only a directory that holds nothing is ours to check out into and to delete again.
    if (!isEmptyOrAbsent(destDir))
        return { ok: false, reason: `${destDir} is not an empty directory` };
    const cleanup = () => removeRevision(repoDir, destDir, git);
    const fail = async (reason) => {
        await cleanup();
        return { ok: false, reason };
    };
    const present = await hasCommit(repoDir, sha, git);
    if (!present) {
        const fetch = ['fetch', '--depth=1', '--no-tags', '--quiet', 'origin', sha];
        const fetched = await runGit(repoDir, fetch, git, NETWORK_TIMEOUT);
        if (!fetched.ok)
            return fail(`cannot fetch ${short} from origin: ${gitFailure(fetch, fetched, NETWORK_TIMEOUT)}`);
        if (!(await hasCommit(repoDir, sha, git)))
            return fail(`${short} is not a commit in origin`);
    }
    // No hooks in a tree that is only built and measured: a user's post-checkout hook has no business there.
    const add = ['-c', `core.hooksPath=${os.devNull}`, 'worktree', 'add', '--quiet', '--detach', destDir, sha];
    const added = await runGit(repoDir, add, git, NETWORK_TIMEOUT);
    if (!added.ok)
        return fail(`cannot check out ${short}: ${gitFailure(add.slice(2), added, NETWORK_TIMEOUT)}`);
    const head = await runGit(destDir, ['rev-parse', '--verify', 'HEAD'], git);
    const checkedOut = head.stdout.trim();
    if (!head.ok || checkedOut !== sha)
        return fail(`checking out ${short} gave ${checkedOut.slice(0, 12) || 'no commit'}`);
    return { ok: true, root: destDir, sha: checkedOut, fetched: !present, cleanup };
}
function isEmptyOrAbsent(dir) {
    try {
        return !existsSync(dir) || readdirSync(dir).length === 0;
    }
    catch {
        return false;
    }
}
async function hasCommit(repoDir, sha, git) {
    return (await runGit(repoDir, ['cat-file', '-e', `${sha}^{commit}`], git)).ok;
}
/** Removes the worktree and whatever git leaves behind, then forgets it. */
async function removeRevision(repoDir, destDir, git) {
    // remove fails harmlessly when the checkout itself failed; prune then forgets the entry of the deleted directory.
    await runGit(repoDir, ['worktree', 'remove', '--force', destDir], git);
    try {
        rmSync(destDir, { recursive: true, force: true, maxRetries: 3 });
    }
    catch (error) {
        return `cannot delete ${destDir}: ${error.message}`;
    }
    const prune = ['worktree', 'prune'];
    const pruned = await runGit(repoDir, prune, git);
    return pruned.ok ? null : `cannot forget the worktree ${destDir}: ${gitFailure(prune, pruned)}`;
}

// Which tree the other revision's programs are built from.
// Its guest is the same `guest`/`wasm` input, found at the same place inside its tree. Its hosts come from its
// tree when the repository holds the host programs (wasm-ffi-bench measuring itself: the action's root is the
// workspace); otherwise from the action's own checkout, the same host programs for both revisions.
function revisionTrees(input) {
    const cwd = input.cwd ?? process.cwd();
    const isActionRepo = samePath(input.actionRoot, input.workspace);
    const hostsFrom = isActionRepo && holdsHostPrograms(input.revisionRoot) ? 'revision' : 'action';
    const repoRoot = hostsFrom === 'revision' ? input.revisionRoot : input.actionRoot;
    if (input.wasm) {
        const wasm = insideRevision(input, path.resolve(cwd, input.wasm));
        if (!wasm.ok)
            return { ok: false, reason: `wasm "${input.wasm}" ${wasm.reason}` };
        if (!isFile(wasm.path))
            return { ok: false, reason: `wasm "${input.wasm}" is not a file in the other revision (a build output?)` };
        return { ok: true, repoRoot, hostsFrom, guest: null, wasm: wasm.path };
    }
    if (input.guest) {
        const guest = insideRevision(input, path.resolve(cwd, input.guest));
        if (!guest.ok)
            return { ok: false, reason: `guest "${input.guest}" ${guest.reason}` };
        if (!isFile(path.join(guest.path, 'Cargo.toml'))) {
            return { ok: false, reason: `guest "${input.guest}" is not a Rust crate (no Cargo.toml) in the other revision` };
        }
        return { ok: true, repoRoot, hostsFrom, guest: guest.path, wasm: null };
    }
    // The bundled guest: the other revision's own, or none to build when it comes from the action's checkout.
    if (hostsFrom === 'revision')
        return { ok: true, repoRoot, hostsFrom, guest: null, wasm: null };
    if (isActionRepo)
        return { ok: false, reason: 'the other revision has no guest/ and hosts/ to build' };
    return { ok: false, reason: 'the repository holds neither the guest nor the hosts: both revisions would run the same programs' };
}
/** The same place inside the other revision's tree, for a path inside the workspace. */
function insideRevision(input, file) {
    const relative = path.relative(realPath(input.workspace), realPath(file));
    if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
        return { ok: false, reason: `is outside the repository (${input.workspace}), so the other revision has no copy of its own` };
    }
    return { ok: true, path: path.join(input.revisionRoot, relative) };
}
/** The tree holds wasm-ffi-bench's own programs, as findRepoRoot recognises the action's checkout. */
function holdsHostPrograms(root) {
    return existsSync(path.join(root, 'hosts')) && existsSync(path.join(root, 'guest'));
}
function samePath(a, b) {
    return realPath(a) === realPath(b);
}
/** Symlinks resolved (macOS's /var is /private/var), so that equal places compare equal. */
function realPath(p) {
    try {
        return realpathSync.native(p);
    }
    catch {
        return path.resolve(p);
    }
}
function isFile(p) {
    return existsSync(p) && statSync(p).isFile();
}

const nothing = async () => { };
async function prepareBase(choice, opts) {
    if (choice.kind === 'none')
        return { base: null, useStored: false, cleanup: nothing };
    if (choice.kind === 'baseline')
        return { base: null, useStored: true, cleanup: nothing };
    const fallback = (reason) => {
        const note = `${choice.why}: ${reason}; compared with the stored baseline instead`;
        opts.log.warning(note);
        return { base: { note }, useStored: true, cleanup: nothing };
    };
    const materialised = await materialiseRevision({ repoDir: opts.workspace, sha: choice.sha, destDir: revisionDestDir(choice.sha) });
    if (!materialised.ok)
        return fallback(materialised.reason);
    const cleanup = async () => {
        const left = await materialised.cleanup();
        if (left)
            opts.log.warning(left);
    };
    const trees = revisionTrees({
        actionRoot: opts.actionRoot,
        workspace: opts.workspace,
        revisionRoot: materialised.root,
        guest: opts.guest,
        wasm: opts.wasm
    });
    if (!trees.ok) {
        await cleanup();
        return fallback(trees.reason);
    }
    opts.log.info(`${choice.why}: measured in this job from ${materialised.root} (hosts from the ${trees.hostsFrom}'s tree)`);
    const base = { sha: materialised.sha, source: choice.label, repoRoot: trees.repoRoot, guest: trees.guest, wasm: trees.wasm };
    return { base, useStored: true, cleanup };
}

export { chooseComparison as A, lineProgress as B, CompareRefError as C, renderRunReport as D, resultsFileName as E, cachePaths as F, buildContext as G, cacheKey as H, INPUTS as I, LIMITS as L, RESULTS_SCHEMA as R, InputError as a, buildAll as b, cliFlags as c, findWorkspace as d, chooseCliComparison as e, findRepoRoot as f, prepareBase as g, runBenchmark as h, finishRun as i, renderTerminal as j, judge as k, renderGateMessage as l, renderCombinedReport as m, inertText as n, runnerLabel as o, parseConfig as p, inconclusiveLines as q, readBaselineText as r, statusLines as s, terminalProgress as t, isResultsFile as u, validateResultsFile as v, writeText as w, COMMENT_MARKER as x, runnerInfo as y, runnerTag as z };
