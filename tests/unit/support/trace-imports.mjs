// `node --import ./trace-imports.mjs …` appends the URL of every module the ESM loader loads
// (one per line) to the file named by TRACE_IMPORTS_FILE. Tests use it to prove a command never
// loads a heavy dependency. Registered after tsx, so it sees the already-resolved .ts URLs too.
import { register } from 'node:module';

if (!process.env.TRACE_IMPORTS_FILE) throw new Error('trace-imports: set TRACE_IMPORTS_FILE');
register('./trace-imports-hooks.mjs', import.meta.url, { data: { file: process.env.TRACE_IMPORTS_FILE } });
