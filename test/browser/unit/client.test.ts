import { expect } from '@open-wc/testing';
import { ApiProblem, BookwellApi } from '../../../src/widget/api/client.ts';
import { catalog, clinicSite } from '../component/fake-api.ts';

type Answer = { status: number; body: unknown } | 'network';

/** A fetch that answers from a script and records what was asked. */
function scripted(answers: (request: Request) => Answer) {
  const seen: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    seen.push(request);
    const answer = answers(request);
    if (answer === 'network') throw new TypeError('Failed to fetch');
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
  };
  return { seen, fetch: fetch as typeof globalThis.fetch };
}

const session = (ttlMs: number) => ({
  status: 200,
  body: { token: `t${Date.now()}`, expiresAt: new Date(Date.now() + ttlMs).toISOString(), site: clinicSite },
});
const failure = (status: number, code: string) => ({ status, body: { error: { code, message: code } } });
const path = (r: Request) => new URL(r.url).pathname;

describe('the API client', () => {
  it('never retries a booking by itself, so only the widget decides to send the same key again', async () => {
    const { seen, fetch } = scripted((r) => (path(r) === '/v1/session' ? session(600_000) : failure(503, 'upstream_unavailable')));
    const api = new BookwellApi({ api: 'http://x.test', site: 'demo-clinic', fetch });
    const problem = await api
      .book({ ref: 'r', participants: 1, customer: { firstName: 'a', lastName: 'b', cell: '0501234567' } }, 'key-12345678')
      .catch((e: unknown) => e);
    expect(problem).to.be.instanceOf(ApiProblem);
    expect((problem as ApiProblem).code).to.equal('upstream_unavailable');
    const posts = seen.filter((r) => path(r) === '/v1/bookings');
    expect(posts).to.have.length(1);
    expect(posts[0]!.headers.get('idempotency-key')).to.equal('key-12345678');
  });

  it('retries a read the platform could not answer', async () => {
    let catalogCalls = 0;
    const { fetch } = scripted((r) =>
      path(r) === '/v1/session' ? session(600_000) : ++catalogCalls === 1 ? failure(503, 'upstream_unavailable') : { status: 200, body: catalog },
    );
    const api = new BookwellApi({ api: 'http://x.test', site: 'demo-clinic', fetch });
    expect((await api.catalog()).services).to.have.length(2);
    expect(catalogCalls).to.equal(2);
  });

  it('renews a token the server calls expired once, then gives up', async () => {
    const { seen, fetch } = scripted((r) => (path(r) === '/v1/session' ? session(600_000) : failure(401, 'token_expired')));
    const api = new BookwellApi({ api: 'http://x.test', site: 'demo-clinic', fetch });
    const problem = (await api.catalog().catch((e: unknown) => e)) as ApiProblem;
    expect(problem.code).to.equal('token_expired');
    expect(seen.filter((r) => path(r) === '/v1/session')).to.have.length(2);
    expect(seen.filter((r) => path(r) === '/v1/catalog')).to.have.length(2);
  });

  it('renews a token about to expire before using it', async () => {
    const { seen, fetch } = scripted((r) => (path(r) === '/v1/session' ? session(1000) : { status: 200, body: catalog }));
    const api = new BookwellApi({ api: 'http://x.test', site: 'demo-clinic', fetch });
    await api.catalog();
    await new Promise((r) => setTimeout(r, 900));
    await api.catalog();
    const tokens = seen.filter((r) => path(r) === '/v1/catalog').map((r) => r.headers.get('authorization'));
    expect(seen.filter((r) => path(r) === '/v1/session')).to.have.length(2);
    expect(tokens[0]).to.not.equal(tokens[1]);
  });

  it('renews a dying token once for calls made together', async () => {
    const { seen, fetch } = scripted((r) => (path(r) === '/v1/session' ? session(1000) : { status: 200, body: catalog }));
    const api = new BookwellApi({ api: 'http://x.test', site: 'demo-clinic', fetch });
    await api.catalog();
    await new Promise((r) => setTimeout(r, 900));
    await Promise.all([api.catalog(), api.catalog(), api.catalog()]);
    expect(seen.filter((r) => path(r) === '/v1/session')).to.have.length(2);
  });

  it('renews a token the server calls expired once for calls made together', async () => {
    let sessions = 0;
    const { seen, fetch } = scripted((r) => {
      if (path(r) === '/v1/session') return { status: 200, body: { ...session(600_000).body, token: `t${++sessions}` } };
      return r.headers.get('authorization') === 'Bearer t1' ? failure(401, 'token_expired') : { status: 200, body: catalog };
    });
    const api = new BookwellApi({ api: 'http://x.test', site: 'demo-clinic', fetch });
    await api.session();
    await Promise.all([api.catalog(), api.catalog(), api.catalog()]);
    expect(seen.filter((r) => path(r) === '/v1/session')).to.have.length(2);
  });

  it('names a lost connection and an unexpected answer', async () => {
    const lost = new BookwellApi({ api: 'http://x.test', site: 'demo-clinic', fetch: scripted(() => 'network').fetch });
    expect(((await lost.session().catch((e: unknown) => e)) as ApiProblem).code).to.equal('network');
    const odd = new BookwellApi({ api: 'http://x.test', site: 'demo-clinic', fetch: scripted(() => ({ status: 200, body: { token: 1 } })).fetch });
    expect(((await odd.session().catch((e: unknown) => e)) as ApiProblem).code).to.equal('invalid_response');
  });
});
