// The environment of every child process: the runner's, without tokens, secrets or action inputs.

/** The parent's environment less anything that could carry a credential. */
export function childEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(env)) {
    if (/^INPUT_|TOKEN|SECRET/i.test(key)) continue
    out[key] = value
  }
  return out
}
