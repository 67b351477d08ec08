// npm run gen:api: writes the web app's API types from the OpenAPI document (no server needed).
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { API_SCHEMA_FILE, apiSchemaSource } from './gen-api-types'

writeFileSync(API_SCHEMA_FILE, await apiSchemaSource())
console.log(`wrote ${fileURLToPath(API_SCHEMA_FILE)}`)
