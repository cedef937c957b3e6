#!/usr/bin/env node
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { r as readBaselineText, c as cliFlags, I as INPUTS, p as parseConfig, a as InputError, C as CompareRefError, b as buildAll, f as findRepoRoot, d as findWorkspace, e as chooseCliComparison, g as prepareBase, h as runBenchmark, t as terminalProgress, i as finishRun, j as renderCombinedReport, k as renderTerminal, l as judge, m as renderGateMessage, n as inertText } from './base-revision.js';
import 'node:child_process';
import 'node:os';
import 'node:crypto';
import 'node:fs/promises';
import 'node:url';

// Where baselines live: a file for the CLI, the Actions cache for the action (src/publish/baseline.ts). The
// pipeline loads through this interface and the finishing step saves through it, so both entries share them.
/** A results file on disk (`.wasm-ffi-bench/baseline.json` by default). */
function fileBaselineStore(file) {
    return {
        async load() {
            const read = readBaselineText(file);
            return read.text === null ? { warning: read.warning } : { text: read.text, source: file };
        },
        async save(results) {
            try {
                mkdirSync(path.dirname(file), { recursive: true });
                writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
                return { saved: file };
            }
            catch (error) {
                return { warning: `baseline not saved to ${file}: ${error.message}` };
            }
        }
    };
}

function usageLine(flag) {
    const cli = flag.cli;
    const name = 'switch' in cli ? (cli.negatable ? `--${flag.name} | --no-${flag.name}` : `--${flag.name}`) : `--${flag.name} ${cli.arg}`;
    const fallback = 'switch' in cli || !flag.action?.default ? '' : ` (default ${flag.action.default})`;
    return `  ${name.padEnd(28)} ${flag.description}${fallback}`;
}
const USAGE = `Usage: npm run bench -- [options]   (or: npx wasm-ffi-bench [options])

${cliFlags().map(usageLine).join('\n')}
  ${'--help'.padEnd(28)} This text.
`;
function parseOptions() {
    const options = { help: { type: 'boolean', short: 'h' } };
    for (const flag of cliFlags()) {
        const isSwitch = 'switch' in flag.cli;
        options[flag.name] = { type: isSwitch ? 'boolean' : 'string' };
        if (isSwitch && 'negatable' in flag.cli && flag.cli.negatable)
            options[`no-${flag.name}`] = { type: 'boolean' };
    }
    return options;
}
/** Flags -> raw inputs: a switch is "true"/"false", `--no-X` turns X off, a value flag passes as it is. */
function rawInputs(values) {
    const raw = {};
    for (const flag of INPUTS.filter((input) => input.cli)) {
        const value = values[flag.name];
        if (typeof value === 'string')
            raw[flag.name] = value;
        else if (value === true)
            raw[flag.name] = 'true';
        if (values[`no-${flag.name}`])
            raw[flag.name] = 'false';
    }
    return raw;
}
/** An explicitly empty value (`--hosts ""`) is a mistake, not a request for the default: the error names the flag. */
function emptyFlagError(values) {
    const flag = cliFlags().find(spec => typeof values[spec.name] === 'string' && values[spec.name].trim() === '');
    return flag ? `--${flag.name} is empty: give a value or leave the flag out (${flag.description.replace(/\.$/, '')})` : null;
}

// The local CLI: the same pipeline and finishing step as the action, with a baseline file under .wasm-ffi-bench/.
// Its flags and usage come from the input table (src/inputs.ts).
async function main(argv) {
    let values;
    try {
        values = parseArgs({ args: argv, options: parseOptions(), strict: true, allowPositionals: false }).values;
    }
    catch (error) {
        process.stderr.write(`error: ${error.message}\n\n${USAGE}`);
        return 1;
    }
    if (values.help) {
        process.stdout.write(USAGE);
        return 0;
    }
    const empty = emptyFlagError(values);
    if (empty) {
        process.stderr.write(`error: ${empty}\n`);
        return 1;
    }
    let config;
    try {
        config = parseConfig(rawInputs(values), 'cli');
    }
    catch (error) {
        if (error instanceof InputError) {
            process.stderr.write(`error: ${error.message.replace(/^Input "([^"]+)"/, '--$1')}\n`);
            return 1;
        }
        throw error;
    }
    if (values['build-only'])
        return buildOnly(config);
    try {
        return await bench(config, values);
    }
    catch (error) {
        if (!(error instanceof CompareRefError))
            throw error;
        process.stderr.write(`error: ${error.message}\n`);
        return 1;
    }
}
async function bench(config, values) {
    const stateDir = path.join(process.cwd(), '.wasm-ffi-bench');
    const fileFlag = (name, fallback) => path.resolve(typeof values[name] === 'string' ? values[name] : path.join(stateDir, fallback));
    const baselineFile = fileFlag('baseline', 'baseline.json');
    const store = fileBaselineStore(baselineFile);
    // The first local run becomes the baseline, so the second one has something to compare with.
    const firstRun = !existsSync(baselineFile);
    const savesBaseline = values['save-baseline'] === true || firstRun;
    const actionRoot = findRepoRoot();
    const workspace = (await findWorkspace(process.cwd())) ?? actionRoot;
    const compareWith = typeof values['compare-with'] === 'string' ? values['compare-with'] : undefined;
    const choice = await chooseCliComparison(workspace, compareWith);
    const prepared = await prepareBase(choice, {
        workspace,
        actionRoot,
        guest: config.measure.guest,
        wasm: config.measure.wasm,
        log: consoleLogger
    });
    const context = {
        repoRoot: actionRoot,
        workDir: path.join(stateDir, 'work'),
        pr: null,
        timeBudgetMinutes: config.timeBudgetMinutes,
        instructions: config.instructions,
        onRunner: false,
        savesBaseline
    };
    const results = await runBenchmark(config, { ...context, base: prepared.base, useStored: prepared.useStored }, { log: consoleLogger, progress: terminalProgress(process.stderr), baseline: store }).finally(prepared.cleanup);
    const files = await finishRun(results, {
        resultsFile: fileFlag('output', 'results.json'),
        markdownFile: fileFlag('markdown', 'report.md'),
        markdown: renderCombinedReport([results]),
        store,
        saveBaseline: savesBaseline,
        saveNote: firstRun ? 'first run; --save-baseline replaces it later' : undefined,
        log: consoleLogger
    });
    process.stdout.write(`${renderTerminal(results)}\n`);
    process.stderr.write(`results: ${files.results}\nmarkdown: ${files.markdown}\nexports: ${files.benchmark}, ${files.bmf}\n`);
    for (const failure of files.failures)
        process.stderr.write(`error: ${failure.file} not written: ${failure.message}\n`);
    const judgement = judge([results], config.gate.fail_on_regression);
    if (judgement.verdict === 'error')
        process.stderr.write('error: a required host failed (see its row)\n');
    for (const line of renderGateMessage([results]))
        process.stderr.write(`regression: ${line}\n`);
    return judgement.fails || files.failures.length > 0 ? 1 : 0;
}
async function buildOnly(config) {
    const start = performance.now();
    const build = await buildAll({ ...config.measure, repoRoot: findRepoRoot(), log: consoleLogger.info });
    for (const host of build.hosts)
        process.stdout.write(`${host.name}: ${host.runtime} ${host.version}\n`);
    for (const failure of build.failures)
        process.stdout.write(`${failure.name}: failed: ${failure.error}\n`);
    process.stderr.write(`built in ${((performance.now() - start) / 1000).toFixed(1)} s: ${build.guest.workload}\n`);
    return build.failures.length ? 1 : 0;
}
// Inert: the CLI may run in a workflow step, whose log reads commands from stderr too.
const consoleLogger = {
    info: message => process.stderr.write(`${inertText(message)}\n`),
    warning: message => process.stderr.write(`warning: ${inertText(message)}\n`),
    group: async (name, fn) => {
        process.stderr.write(`== ${name}\n`);
        return fn();
    }
};
main(process.argv.slice(2)).then(code => process.exit(code), (error) => {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(1);
});

export { main };
