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
])

/** Families kept by prefix: locale, XDG folders, cargo and rustup, cgo, pip, Python's own and setup-python's (pythonLocation, Python3_ROOT_DIR). */
const PREFIXES = ['LC_', 'XDG_', 'CARGO_', 'RUSTUP_', 'CGO_', 'PIP_', 'PYTHON']

/** Never passed on, whatever the allow-list says: names that carry credentials. */
const CREDENTIAL = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|_KEY$|API_?KEY|ACCESS_?KEY/i

export function isAllowedVariable(name: string): boolean {
  const upper = name.toUpperCase()
  if (CREDENTIAL.test(upper)) return false
  return NAMES.has(upper) || PREFIXES.some(prefix => upper.startsWith(prefix))
}

/** The allow-listed part of `env` (the parent's environment by default). */
export function childEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && isAllowedVariable(key)) out[key] = value
  }
  return out
}
