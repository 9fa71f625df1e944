/**
 * The floor: a bare node:http server in its own process sending the very bytes an endpoint answered, so each
 * figure can be read against what this machine, at this moment, can do at all.
 */
import { spawn } from 'node:child_process';

const serverSource = `
const http = require('node:http');
const body = Buffer.from(process.env.FLOOR_BODY, 'base64');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body));
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

export async function startFloor(body: Buffer): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['-e', serverSource], { env: { FLOOR_BODY: body.toString('base64') }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', () => reject(new Error('the floor server exited')));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}
