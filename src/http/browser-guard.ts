import type { MiddlewareHandler } from 'hono'
import { DomainError } from '../core/errors'

/**
 * The page may load code only from Parley itself: no inline script, no eval, no other origin, and
 * no other site may frame it. Styles allow 'unsafe-inline' because Mantine writes its theme into
 * <style> elements and the virtualised register positions rows with style attributes; a style
 * cannot run code.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses a state-changing request that a browser sent from another site, whatever its content
 * type (hono's csrf() checks form and text bodies only; a fetch with a JSON body and the user's
 * cookie got through). A foreign Origin is refused always (also on sign-in: no login CSRF). A
 * request without Origin is refused only when it carries a cookie: every browser Parley supports
 * sends Origin on a POST, PUT, PATCH or DELETE, so a cookie without Origin is not a browser we
 * serve; the CLI and API clients, which send no cookie, are not affected.
 */
export function sameOriginOnly(allowedOrigins: (requestOrigin: string) => string[]): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next()
    const origin = c.req.header('origin')
    if (origin === undefined) {
      if (c.req.header('cookie')) {
        throw new DomainError('FORBIDDEN', 'The request carries a session cookie but no Origin header')
      }
      return next()
    }
    if (!allowedOrigins(new URL(c.req.url).origin).includes(origin)) {
      throw new DomainError('FORBIDDEN', `Requests from ${origin} are not accepted`)
    }
    return next()
  }
}

/** Personal data must not stay in a browser's or a proxy's cache after the user signs out. */
export const noStore: MiddlewareHandler = async (c, next) => {
  await next()
  c.header('Cache-Control', 'no-store')
}
