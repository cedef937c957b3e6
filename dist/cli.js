#!/usr/bin/env node
import fs, { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { r as readBaselineText, c as cliFlags, I as INPUTS, L as LIMITS, v as validateResultsFile, t as tryWriteText, a as runnerSlug, b as trendOf, d as runGit, e as renderDashboard, p as parseConfig, f as InputError, C as CompareRefError, g as buildAll, h as findRepoRoot, i as findWorkspace, j as chooseCliComparison, k as prepareBase, l as isHostFolder, m as runBenchmark, n as terminalProgress, o as finishRun, q as renderTerminal, s as judge, u as renderGateMessage, w as renderCombinedReport, x as inertText } from './index2.js';
import 'node:child_process';
import 'node:os';
import 'node:crypto';
import 'node:fs/promises';
import 'node:url';
import 'node:module';
import './core.js';
import 'os';
import 'crypto';
import 'fs';
import 'path';
import 'http';
import 'https';
import 'net';
import 'tls';
import 'events';
import 'assert';
import 'util';
import 'node:assert';
import 'node:net';
import 'node:http';
import 'node:stream';
import 'node:buffer';
import 'node:querystring';
import 'node:events';
import 'node:diagnostics_channel';
import 'node:tls';
import 'node:zlib';
import 'node:perf_hooks';
import 'node:util/types';
import 'node:worker_threads';
import 'node:async_hooks';
import 'node:console';
import 'node:dns';
import 'string_decoder';
import 'child_process';
import 'timers';
import 'stream';
import 'buffer';
import 'node:process';
import 'node:https';
import 'tty';
import 'url';
import 'fs/promises';
import 'constants';
import 'node:string_decoder';
import 'zlib';

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

// The CLI's history: every run that saves the baseline also keeps its results in .wasm-ffi-bench/history/, one
// file per run; the trend reads them back validated, as the action reads artifacts. A bad file is skipped with a
// warning, never trusted.
/** Files read at most: the newest, by name (which starts with the run's time). */
const MAX_FILES = 500;
/** "2026-12-03T08-16-06-123Z-linux-x64-ab12cd3.json": sorts by time. */
function historyFileName(results) {
    const time = results.created_at.replace(/[^0-9A-Za-z]/g, '-');
    return `${time}-${runnerSlug(results)}-${results.commit.slice(0, 7) || 'nocommit'}.json`;
}
/** Keeps this run's results; returns the file, or a warning when it could not be written. */
function saveLocalHistory(dir, results) {
    const file = path.join(dir, historyFileName(results));
    const failure = tryWriteText(file, `${JSON.stringify(results)}\n`);
    return failure ? { warning: `history not kept: ${failure.file}: ${failure.message}` } : { file };
}
/** The newest `limit` runs per OS are what the trend needs; older files are left unread. */
function readLocalHistory(dir, limit, warn) {
    let names;
    try {
        names = fs.readdirSync(dir).filter(name => name.endsWith('.json'));
    }
    catch (error) {
        if (error.code !== 'ENOENT')
            warn(`history ${dir} is unreadable: ${error.message}`);
        return [];
    }
    const newest = names.sort().slice(-Math.min(MAX_FILES, Math.max(limit, 1) * LIMITS.files));
    return newest.flatMap(name => {
        const checked = validateResultsFile(path.join(dir, name));
        if (checked.results)
            return [checked.results];
        warn(`history file ${name} ${checked.refused.what}; skipped`);
        return [];
    });
}

// The CLI's history: its files under .wasm-ffi-bench/history/ (read before the run's own, which a baseline-saving
// run adds), the trend section of the markdown report, drift warnings, and the dashboard page on request.
/** https://github.com/owner/repo from a GitHub remote (https or ssh), else undefined: commit links need it. */
function githubRepoUrl(remote) {
    const m = /^(?:https:\/\/github\.com\/|git@github\.com:|ssh:\/\/git@github\.com\/)([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(remote.trim());
    return m ? `https://github.com/${m[1]}/${m[2]}` : undefined;
}
function cliHistory(stateDir, workspace, settings, log) {
    const dir = path.join(stateDir, 'history');
    const history = settings.runs > 0 ? readLocalHistory(dir, settings.runs, log.warning) : [];
    return {
        section: final => (settings.runs > 0 ? trendOf(history, [final], settings, 'saved-baseline').section : ''),
        async finish(final, dashboardFile) {
            if (final.baseline_saved) {
                const kept = saveLocalHistory(dir, final);
                if ('warning' in kept)
                    log.warning(kept.warning);
                else
                    log.info(`history: kept ${kept.file}`);
            }
            if (settings.runs === 0) {
                if (dashboardFile)
                    log.warning('dashboard not written: --history-runs 0 turns the history off');
                return;
            }
            const trend = trendOf(history, [final], settings, 'saved-baseline');
            for (const line of trend.warnings)
                log.warning(line);
            if (!dashboardFile)
                return;
            const remote = await runGit(workspace, ['remote', 'get-url', 'origin']);
            const page = renderDashboard(trend.histories, {
                repoUrl: remote.ok ? githubRepoUrl(remote.stdout) : undefined,
                origin: 'saved-baseline'
            });
            const failure = tryWriteText(dashboardFile, page);
            if (failure)
                log.warning(`dashboard not written: ${failure.file}: ${failure.message}`);
            else
                log.info(`dashboard: ${dashboardFile}`);
        }
    };
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
        hostFolders: config.measure.hosts.filter(isHostFolder),
        log: consoleLogger
    });
    const history = cliHistory(stateDir, workspace, config.history, consoleLogger);
    const context = {
        repoRoot: actionRoot,
        workDir: path.join(stateDir, 'work'),
        pr: null,
        timeBudgetMinutes: config.timeBudgetMinutes,
        instructions: config.instructions,
        onRunner: false,
        savesBaseline,
        workspace
    };
    const results = await runBenchmark(config, { ...context, base: prepared.base, useStored: prepared.useStored }, { log: consoleLogger, progress: terminalProgress(process.stderr), baseline: store }).finally(prepared.cleanup);
    const files = await finishRun(results, {
        resultsFile: fileFlag('output', 'results.json'),
        markdownFile: fileFlag('markdown', 'report.md'),
        render: final => renderCombinedReport([final], { trend: history.section(final), functionLists: config.functionLists }),
        store,
        saveBaseline: savesBaseline,
        saveNote: firstRun ? 'first run; --save-baseline replaces it later' : undefined,
        log: consoleLogger
    });
    await history.finish(files.final, typeof values.dashboard === 'string' ? path.resolve(values.dashboard) : undefined);
    process.stdout.write(`${renderTerminal(files.final, config.functionLists)}\n`);
    process.stderr.write(`results: ${files.results}\nmarkdown: ${files.markdown}\nexports: ${files.benchmark}, ${files.bmf}\n`);
    for (const failure of files.failures)
        process.stderr.write(`error: ${failure.file} not written: ${failure.message}\n`);
    const judgement = judge([files.final], config.gate.fail_on_regression, config.gate.fail_on_inconclusive);
    if (judgement.verdict === 'error')
        process.stderr.write('error: a required host failed (see its row)\n');
    for (const line of renderGateMessage([files.final]))
        process.stderr.write(`regression: ${line}\n`);
    if (judgement.fails && judgement.status === 'inconclusive')
        process.stderr.write('error: inconclusive (--fail-on-inconclusive)\n');
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
