// A static file server for the viewer, on 127.0.0.1 only: serves this page and the parser's
// browser build (bluebutton-wasm/pkg/web) from the repository, and nothing else.
//
//   bluebutton-wasm/build.sh && node examples/web/serve.mjs [port]
//   then open the address it prints.
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root; URLs map to paths below it. */
const root = fileURLToPath(new URL('../..', import.meta.url));
/** The only directories served. */
const served = ['examples/web/', 'bluebutton-wasm/pkg/web/'];
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** Starts the server on 127.0.0.1 (port 0: any free port); resolves to `{ server, url }`. */
export function serve(port = 0) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    const rel = normalize(path.endsWith('/') ? `${path}index.html` : path).replace(/^[/\\]+/, '');
    const file = join(root, rel);
    const type = types[extname(file)];
    const allowed = req.method === 'GET' && type && !rel.includes(`..${sep}`)
      && served.some((dir) => rel.split(sep).join('/').startsWith(dir));
    let ok = false;
    try {
      ok = allowed && statSync(file).isFile();
    } catch {
      ok = false;
    }
    if (!ok) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/examples/web/` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve(Number(process.argv[2] || 8000));
  console.log(`Blue Button viewer: ${url}  (Ctrl-C stops it)`);
}
