import type { ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { Booking, BookingRequest } from '../contract/index.ts';
import { newIdempotencyKey, type BookwellApi } from './api/client.ts';

interface BookingHost extends ReactiveControllerHost {
  readonly client: BookwellApi;
}

/**
 * Sends the booking. One Idempotency-Key per request body: a retry of the same booking (after a network failure)
 * sends the same key, so the server answers the first result and books nothing more; a changed booking gets a new key.
 */
export class BookingController {
  readonly task: Task<readonly [BookingRequest, string], Booking>;
  #attempt: { body: string; key: string } | undefined;
  /** The last attempt's failure, shown on the review step until it is handled or the booking is sent again. */
  problem: unknown;

  readonly #host: BookingHost;

  constructor(host: BookingHost) {
    this.#host = host;
    this.task = new Task(host, {
      autoRun: false,
      task: async ([request, key]: readonly [BookingRequest, string], { signal }) => (await host.client.book(request, key, signal)).booking,
    });
  }

  get busy(): boolean {
    return this.task.status === TaskStatus.PENDING;
  }

  /** The booking, or the failure; a second call while one is on its way is ignored (undefined). */
  async submit(request: BookingRequest): Promise<{ booking: Booking } | { problem: unknown } | undefined> {
    if (this.busy) return undefined;
    const body = JSON.stringify(request);
    if (this.#attempt?.body !== body) this.#attempt = { body, key: newIdempotencyKey() };
    this.problem = undefined;
    await this.task.run([request, this.#attempt.key]);
    if (this.task.status === TaskStatus.COMPLETE && this.task.value) {
      this.#attempt = undefined;
      return { booking: this.task.value };
    }
    this.problem = this.task.error;
    this.#host.requestUpdate();
    return { problem: this.problem };
  }

  /** After a refusal the widget handles (slot_taken, a wrong field) the next attempt is a new one, with no old failure shown. */
  forget(): void {
    this.#attempt = undefined;
    this.problem = undefined;
  }
}
