// Same-job comparisons: what to compare against, and the other revision's tree to build it from.
export { chooseCliComparison, chooseComparison, type Comparison, type EventSource } from './choose.js'
export { gitEnv, isFullSha, type GitOptions } from './git.js'
export { materialiseRevision, revisionDestDir, type Materialised, type MaterialiseOptions } from './materialise.js'
export { CompareRefError, findWorkspace, resolveRef } from './resolve.js'
export { revisionTrees, type RevisionTrees, type RevisionTreesInput } from './trees.js'
