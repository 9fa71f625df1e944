/**
 * The floor: a bare node:http server in its own process sending the very bytes an endpoint answered (its body and its
 * header lines), so each figure can be read against what this machine, at this moment, can do at all.
 */
import { spawn } from 'node:child_process';

const serverSource = `
const http = require('node:http');
const body = Buffer.from(process.env.FLOOR_BODY, 'base64');
const headers = { ...JSON.parse(process.env.FLOOR_HEADERS), 'content-length': body.length };
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, headers).end(body));
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/**
 * Headers node:http writes itself (or that describe this one connection), left to it; and the encoding: fetch hands
 * over the body decoded, as the load client (which asks for no encoding) receives it.
 */
const ownHeaders = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'content-encoding']);

/** `answered`: the endpoint's answer headers; without them the floor sends only its content type. */
export async function startFloor(body: Buffer, answered?: Headers): Promise<{ url: string; stop(): void }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  answered?.forEach((value, name) => {
    if (!ownHeaders.has(name)) headers[name] = value;
  });
  const child = spawn(process.execPath, ['-e', serverSource], {
    env: { FLOOR_BODY: body.toString('base64'), FLOOR_HEADERS: JSON.stringify(headers) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', () => reject(new Error('the floor server exited')));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}
