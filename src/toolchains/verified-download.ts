// Downloads (with @actions/tool-cache, as the setup actions do) that are used only when their sha256 matches a
// pinned value: a release asset replaced upstream or altered on the way is refused, never run.
import { createHash } from 'node:crypto'
import { createReadStream, rmSync } from 'node:fs'

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Downloads `url` into the runner's temp folder and returns the file, or throws when its sha256 is not `sha256`. */
export async function downloadVerified(url: string, sha256: string, what: string): Promise<string> {
  const tc = await import('@actions/tool-cache')
  const file = await tc.downloadTool(url)
  const actual = await fileSha256(file)
  if (actual !== sha256.toLowerCase()) {
    rmSync(file, { force: true })
    throw new Error(`${what}: sha256 ${actual} does not match the pinned ${sha256}; the download is not used`)
  }
  return file
}
