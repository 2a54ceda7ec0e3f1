// A tiny static file server for the demo and the browser tests: no dependency,
// loopback only, `.wasm` served as application/wasm (needed by instantiateStreaming).
//   node scripts/serve.mjs [DIR] [PORT]      serve DIR (default www) on 127.0.0.1:PORT (default 8080)
//   import { serve } from './serve.mjs'        serve(dir, {port: 0, headers}) → {url, close()}
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.tsv': 'text/plain; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
};

/**
 * Serve `dir` on 127.0.0.1.
 * @param {string} dir
 * @param {{port?: number, headers?: Record<string,string> | ((path: string) => Record<string,string>)}} [options]
 * @returns {Promise<{url: string, close: () => Promise<void>, requests: string[]}>}
 *   `requests` lists every path asked for, so a test can check what a page fetched.
 */
export async function serve(dir, { port = 0, headers = {} } = {}) {
  const root = resolve(dir);
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'forbidden');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      const extra = typeof headers === 'function' ? headers(path) : headers;
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...extra,
      });
      res.end(body);
    } catch {
      send(res, 404, 'not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    requests,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

function send(res, status, text) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'www', port = '8080'] = process.argv.slice(2);
  const { url } = await serve(dir, { port: Number(port) });
  console.log(`Surligneur: ${url}  (Ctrl-C pour arrêter)`);
}
