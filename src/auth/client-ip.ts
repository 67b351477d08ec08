import type { Context } from 'hono'

/** The client's address, from the socket; never from a header a client could forge. */
export function clientIp(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
  return incoming?.socket?.remoteAddress ?? '127.0.0.1'
}
