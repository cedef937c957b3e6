// The subset of the Azure Blob REST API that @azure/storage-blob (block uploads) and the toolkit's plain
// HTTP downloads use: Put Block, Put Block List, Put Blob, Get Blob (with Range) and Get Blob Properties.
import crypto from 'node:crypto'
import type { Reply, Req } from './http.js'
import type { StoredBlob } from './store.js'

function azureError(status: number, code: string, message: string): Reply {
  const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
  return { status, headers: { 'content-type': 'application/xml', 'x-ms-error-code': code }, body: xml }
}

function common(): Record<string, string> {
  return {
    'x-ms-request-id': crypto.randomUUID(),
    'x-ms-version': '2021-08-06',
    date: new Date().toUTCString(),
    etag: `"0x${crypto.randomBytes(6).toString('hex').toUpperCase()}"`,
    'last-modified': new Date().toUTCString()
  }
}

/** Handles a request for a blob path; null when the path is not a known blob. */
export function handleBlob(req: Req, blobs: Map<string, StoredBlob>): Reply | null {
  const blob = blobs.get(req.path)
  if (!blob) return null
  // Signed URLs are the only credential the blob endpoint accepts.
  if (req.query.get('sig') !== blob.sig) return azureError(403, 'AuthenticationFailed', 'Signature did not match')
  const comp = req.query.get('comp')
  if (req.method === 'PUT' && comp === 'block') {
    const id = req.query.get('blockid')
    if (!id) return azureError(400, 'InvalidQueryParameterValue', 'blockid missing')
    blob.blocks.set(id, req.body)
    return { status: 201, headers: common() }
  }
  if (req.method === 'PUT' && comp === 'blocklist') {
    const ids = [...req.body.toString('utf8').matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map(m => m[2])
    const parts: Buffer[] = []
    for (const id of ids) {
      const b = blob.blocks.get(id)
      if (!b) return azureError(400, 'InvalidBlockList', `block ${id} was not staged`)
      parts.push(b)
    }
    blob.data = Buffer.concat(parts)
    blob.blocks.clear()
    blob.contentType = String(req.headers['x-ms-blob-content-type'] ?? blob.contentType)
    return { status: 201, headers: common() }
  }
  if (req.method === 'PUT' && !comp) {
    blob.data = req.body
    blob.contentType = String(req.headers['x-ms-blob-content-type'] ?? req.headers['content-type'] ?? blob.contentType)
    return { status: 201, headers: common() }
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    if (!blob.data) return azureError(404, 'BlobNotFound', 'The specified blob does not exist.')
    const headers = { ...common(), 'content-type': blob.contentType, 'x-ms-blob-type': 'BlockBlob', 'accept-ranges': 'bytes' }
    const range = String(req.headers['x-ms-range'] ?? req.headers['range'] ?? '')
    const m = /^bytes=(\d+)-(\d*)$/.exec(range)
    if (m && req.method === 'GET') {
      const start = Number(m[1])
      const end = m[2] ? Math.min(Number(m[2]), blob.data.length - 1) : blob.data.length - 1
      if (start >= blob.data.length) return azureError(416, 'InvalidRange', 'The range specified is invalid')
      return {
        status: 206,
        headers: { ...headers, 'content-range': `bytes ${start}-${end}/${blob.data.length}` },
        body: blob.data.subarray(start, end + 1)
      }
    }
    return { status: 200, headers: { ...headers, 'content-length': String(blob.data.length) }, body: blob.data }
  }
  return azureError(405, 'UnsupportedHttpVerb', `${req.method} is not supported`)
}
