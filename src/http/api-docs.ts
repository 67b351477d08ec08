import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Hono } from 'hono'

/**
 * The API reference at /api/docs: Swagger UI from the swagger-ui-dist package, served by Parley
 * itself (no CDN: the server may have no way out, and a page of ours runs no script from elsewhere).
 * Its start-up script is a file too, so the page runs under the app's Content-Security-Policy
 * (script-src 'self') with no exception.
 */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

const START = `window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#reference',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  })
})
`

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Parley API reference</title>
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>
`

let folder: string | undefined
const cache = new Map<string, Buffer>()

/** Read once from node_modules on first request, then kept: the bundle is about 1.5 MB. */
function asset(name: string): Buffer {
  folder ??= path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  let body = cache.get(name)
  if (!body) {
    body = readFileSync(path.join(folder, name))
    cache.set(name, body)
  }
  return body
}

// biome-ignore lint/suspicious/noExplicitAny: mounted on the app whatever its env type
export function apiDocsRoutes(app: Hono<any>, document: () => unknown) {
  app.get('/api/openapi.json', (c) => c.json(document()))
  app.get('/api/docs', (c) => c.html(PAGE))
  app.get('/api/docs/start.js', (c) =>
    c.body(START, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  )
  app.get('/api/docs/:file', (c) => {
    const file = c.req.param('file')
    const type = ASSETS[file]
    if (!type) return c.notFound()
    return c.body(new Uint8Array(asset(file)), 200, { 'Content-Type': type })
  })
}
