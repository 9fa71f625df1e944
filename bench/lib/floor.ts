/**
 * The floors: servers in their own process sending the very bytes an endpoint answered (its body and its header
 * lines), so each figure can be read against what this machine, at this moment, can do at all. The bare node:http
 * floor is what the budgets count from; the framework floor (Hono on @hono/node-server, the server's own stack, doing
 * nothing but read the body and answer) says how much of that gap is the framework's and how much is Bookwell's.
 */
import { spawn } from 'node:child_process';
import { root } from './server.ts';

const nodeSource = `
const http = require('node:http');
const body = Buffer.from(process.env.FLOOR_BODY, 'base64');
const headers = { ...JSON.parse(process.env.FLOOR_HEADERS), 'content-length': body.length };
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, headers).end(body));
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

// A route reads its JSON body before it answers (validate.ts readJson): the framework floor does that much too.
const honoSource = `
const { Hono } = require('hono');
const { serve } = require('@hono/node-server');
const body = Buffer.from(process.env.FLOOR_BODY, 'base64');
const headers = JSON.parse(process.env.FLOOR_HEADERS);
const app = new Hono();
app.all('*', async (c) => {
  if (c.req.method === 'POST') await c.req.json();
  return c.body(body, 200, headers);
});
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(info.port));
`;

/**
 * Headers node:http writes itself (or that describe this one connection), left to it; and the encoding: fetch hands
 * over the body decoded, as the load client (which asks for no encoding) receives it.
 */
const ownHeaders = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'content-encoding']);

export interface Floor {
  url: string;
  stop(): void;
}

async function startChild(source: string, body: Buffer, answered: Headers | undefined): Promise<Floor> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  answered?.forEach((value, name) => {
    if (!ownHeaders.has(name)) headers[name] = value;
  });
  // From the project's folder, so the framework floor finds hono in node_modules.
  const child = spawn(process.execPath, ['-e', source], {
    cwd: root,
    env: { FLOOR_BODY: body.toString('base64'), FLOOR_HEADERS: JSON.stringify(headers) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', () => reject(new Error('the floor server exited')));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

/** `answered`: the endpoint's answer headers; without them the floor sends only its content type. */
export const startFloor = (body: Buffer, answered?: Headers): Promise<Floor> => startChild(nodeSource, body, answered);

/** The same bytes through Hono on @hono/node-server, with no middleware and no work of Bookwell's. */
export const startFrameworkFloor = (body: Buffer, answered?: Headers): Promise<Floor> => startChild(honoSource, body, answered);
