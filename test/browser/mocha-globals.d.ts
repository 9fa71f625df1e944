/** The mocha globals @web/test-runner provides in the page (@types/mocha is not installed; these are all we use). */
type MochaDone = (error?: unknown) => void;
type MochaBody = (this: { timeout(ms: number): void }, done: MochaDone) => void | Promise<unknown>;

declare function describe(title: string, body: () => void): void;
declare function it(title: string, body: MochaBody): void;
declare function before(body: MochaBody): void;
declare function after(body: MochaBody): void;
declare function beforeEach(body: MochaBody): void;
declare function afterEach(body: MochaBody): void;
