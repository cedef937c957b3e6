// A loopback download server for toolchains, laid out as the real ones: under /go what go.dev/dl serves (the
// release list at /go/?mode=json&include=all and the archives at /go/<file>), under /python what an
// actions/python-versions mirror serves (versions-manifest.json and the archives it lists). Every request is logged.
import { readFileSync } from 'node:fs'
import { Faults, json, serve, type RecordedRequest } from './http.js'

export interface GoListed {
  /** Go's spelling without "go", e.g. "1.26.8" */
  version: string
  /** the archive's file name and the sha256 the list gives for it */
  filename: string
  sha256: string
}

export interface PythonListed {
  version: string
  filename: string
  platform: string
  platform_version?: string
  arch: string
  /** where the manifest says the build is; a path on this server, or a full URL */
  path: string
}

export interface DownloadServer {
  url: string
  /** go-download-base-url */
  goBase: string
  /** python-mirror */
  pythonMirror: string
  requests: RecordedRequest[]
  faults: Faults
  /** serves a file from disk at `urlPath` */
  file(urlPath: string, file: string): void
  /** the release list Go serves, with these archives */
  goList(releases: GoListed[]): void
  /** the python-versions manifest, with these builds */
  pythonManifest(builds: PythonListed[]): void
  close(): Promise<void>
}

export async function startDownloadServer(): Promise<DownloadServer> {
  const files = new Map<string, string>()
  const documents = new Map<string, object>()
  const requests: RecordedRequest[] = []
  const faults = new Faults()
  const listening = await serve(
    req => {
      if (req.path === '/go/' && req.query.get('mode') === 'json') return json(200, documents.get('go') ?? [])
      if (req.path === '/python/versions-manifest.json') return json(200, documents.get('python') ?? [])
      const file = files.get(req.path)
      return file ? { status: 200, body: readFileSync(file) } : { status: 404, body: 'Not Found' }
    },
    faults,
    requests
  )
  const url = listening.url
  return {
    url,
    goBase: `${url}/go`,
    pythonMirror: `${url}/python`,
    requests,
    faults,
    file: (urlPath, file) => void files.set(urlPath, file),
    goList: releases =>
      void documents.set(
        'go',
        releases.map(r => ({
          version: `go${r.version}`,
          stable: !/rc|beta/.test(r.version),
          files: [
            {
              filename: r.filename,
              os: process.platform,
              arch: r.filename.split('-').pop()!.split('.')[0],
              version: `go${r.version}`,
              sha256: r.sha256,
              kind: 'archive'
            }
          ]
        }))
      ),
    pythonManifest: builds =>
      void documents.set(
        'python',
        [...new Set(builds.map(b => b.version))].map(version => ({
          version,
          stable: true,
          release_url: '',
          files: builds
            .filter(b => b.version === version)
            .map(({ path, ...file }) => ({ ...file, download_url: path.startsWith('http') ? path : `${url}${path}` }))
        }))
      ),
    close: listening.close
  }
}
