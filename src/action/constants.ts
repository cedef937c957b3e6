// Names the action shares with its workflows: outputs (action.yml) and the artifacts the report job looks for.

export enum Outputs {
  Results = 'results',
  Verdict = 'verdict',
  Regressions = 'regressions',
  CommentUrl = 'comment-url',
  Markdown = 'markdown'
}

export const OUTPUT_DESCRIPTIONS: Record<Outputs, string> = {
  [Outputs.Results]: 'Path of the results JSON (run) or of the combined results of every OS (report).',
  [Outputs.Verdict]:
    "The worst status of the run's OSes, as the comment's headline says it: pass (every gating comparison decided, no regression), baseline (a first run recorded the baseline), inconclusive (something stayed undecided, or nothing was compared), regression, or error (a required host failed).",
  [Outputs.Regressions]: 'JSON array of the gating regressions, one line each (OS, host, metric, change, p).',
  [Outputs.CommentUrl]: 'URL of the PR comment, when one was written.',
  [Outputs.Markdown]: 'Path of the markdown report.'
}

/** Each run job uploads its results as `<prefix><os>-<arch>`; the report job downloads every such artifact. */
export const ARTIFACT_PREFIX = 'wasm-ffi-bench-'

/** The report job's history dashboard (one HTML page); not under ARTIFACT_PREFIX, so never read as results. */
export const DASHBOARD_ARTIFACT = 'dashboard-wasm-ffi-bench'
