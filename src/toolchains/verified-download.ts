// Downloads (with @actions/tool-cache, as the setup actions do) that are used only when their sha256 matches a
// pinned value: a release asset replaced upstream or altered on the way is refused, never run.
import { rmdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { download, sha256File } from './setup.js'

/**
 * Downloads `url` into the runner's temp folder as `fileName` and returns the file, or throws when its sha256 is
 * not `sha256`. The name keeps the extension: on Windows, tool-cache's extractZip falls back to Expand-Archive,
 * which takes nothing but .zip files.
 */
export async function downloadVerified(url: string, sha256: string, fileName: string): Promise<string> {
  const file = await download(url, fileName, message => new Error(`${fileName}: ${message}`))
  const actual = await sha256File(file)
  if (actual !== sha256.toLowerCase()) {
    rmSync(file, { force: true })
    try {
      rmdirSync(path.dirname(file))
    } catch {
      // not empty, or not ours to remove
    }
    throw new Error(`${fileName}: sha256 ${actual} does not match the pinned ${sha256}; the download is not used`)
  }
  return file
}
