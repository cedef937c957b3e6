// Small HTTP plumbing shared by the loopback servers: handlers return a Reply (not writing to `res`
// directly) so fault injection can replace a reply even after the handler changed state.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Reply {
  status: number
  headers?: Record<string, string>
  body?: Buffer | string | object
}

export interface Req {
  method: string
  path: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  body: Buffer
  baseUrl: string
}

export type Handler = (req: Req) => Reply | Promise<Reply>

/** One injected fault: answers the next `count` matching requests with `reply` instead of the real one. */
export interface Fault {
  count: number
  reply: Reply
  /** limit the fault to some requests (default: every request) */
  match?: (req: Req) => boolean
  /** run the real handler first (state changes happen), then answer with the fault anyway */
  afterHandler?: boolean
  /** never answer: the request hangs until the client gives up or the server closes */
  hang?: boolean
}

export interface RecordedRequest {
  method: string
  path: string
  query: string
  auth: boolean
  status: number
}

export class Faults {
  private list: Fault[] = []
  add(f: Fault): void {
    this.list.push({ ...f })
  }
  clear(): void {
    this.list = []
  }
  take(req: Req): Fault | null {
    const f = this.list.find(x => x.count > 0 && (!x.match || x.match(req)))
    if (!f) return null
    f.count--
    return f
  }
}

export interface Listening {
  url: string
  port: number
  /** faults, then the handler, recorded in the log: lets another server route requests here */
  answer(req: Req): Promise<Reply>
  close(): Promise<void>
}

/** Starts a server on 127.0.0.1 with a random port. Every request passes through faults, then the handler. */
export async function serve(handler: Handler, faults: Faults, log: RecordedRequest[]): Promise<Listening> {
  async function answer(r: Req): Promise<Reply> {
    const fault = faults.take(r)
    const record = (status: number) => {
      const query = r.query.toString()
      log.push({ method: r.method, path: r.path, query: query ? `?${query}` : '', auth: !!r.headers.authorization, status })
    }
    if (fault?.hang) {
      record(0)
      return new Promise<Reply>(() => {})
    }
    let reply: Reply
    try {
      reply = fault && !fault.afterHandler ? fault.reply : await handler(r)
    } catch (e) {
      reply = { status: 500, body: { message: `test server bug: ${String(e)}` } }
    }
    if (fault?.afterHandler) reply = fault.reply
    record(reply.status)
    return reply
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1')
      const r: Req = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
        baseUrl: `http://${req.headers.host}`
      }
      void answer(r).then(reply => write(res, reply, r.method))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    answer,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function write(res: http.ServerResponse, reply: Reply, method: string): void {
  let body: Buffer
  const headers: Record<string, string> = { ...(reply.headers ?? {}) }
  if (reply.body === undefined) body = Buffer.alloc(0)
  else if (Buffer.isBuffer(reply.body)) body = reply.body
  else if (typeof reply.body === 'string') body = Buffer.from(reply.body)
  else {
    body = Buffer.from(JSON.stringify(reply.body))
    headers['content-type'] ??= 'application/json; charset=utf-8'
  }
  headers['content-length'] ??= String(body.length)
  res.writeHead(reply.status, headers)
  res.end(method === 'HEAD' || reply.status === 204 ? undefined : body)
}

export function json(status: number, body: object, headers?: Record<string, string>): Reply {
  return { status, body, headers }
}

export function parseJson(req: Req): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(req.body.toString('utf8') || '{}')
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** A URL whose port refused connections a moment ago: a service that is down. */
export async function closedPortUrl(): Promise<string> {
  const s = http.createServer()
  await new Promise<void>(resolve => s.listen(0, '127.0.0.1', resolve))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>(resolve => s.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}
