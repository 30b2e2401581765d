import type { EventStore } from '../event-store.port';
import { describeAppendContract } from './contract/append.contract';
import { describeReadContract } from './contract/read.contract';
import { describeSharingContract } from './contract/sharing.contract';
import { describeSubscriptionContract } from './contract/subscription.contract';

/** One test's storage: an adapter's contract spec creates it (temp dir, server namespace…). */
export interface EventStoreContractFixture {
  /** Opens a store over this test's storage; a second call opens another instance over the same storage. */
  open(): Promise<EventStore>;
  /** Called after the suite closed every store it opened. */
  dispose?(): Promise<void>;
}

/** What each part of the contract gets: a store over the current test's storage, closed after the test. */
export interface ContractContext {
  store(): Promise<EventStore>;
  /** Another instance over the same storage, as a restarted process would open it. */
  reopen(): Promise<EventStore>;
}

/**
 * The semantics every EventStore adapter shares, pinned once. Tests only read what they wrote (unique
 * stream names, filtered `$all` reads), so they also run against a shared EventStoreDB server.
 */
export function describeEventStoreContract(adapterName: string, createFixture: () => Promise<EventStoreContractFixture>): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let fixture: EventStoreContractFixture | undefined;
    let first: EventStore | undefined;
    const opened: EventStore[] = [];

    const open = async (): Promise<EventStore> => {
      fixture ??= await createFixture();
      const store = await fixture.open();
      opened.push(store);
      return store;
    };
    const ctx: ContractContext = {
      store: async () => (first ??= await open()),
      reopen: open,
    };

    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      first = undefined;
      await fixture?.dispose?.();
      fixture = undefined;
    });

    describeAppendContract(ctx);
    describeReadContract(ctx);
    describeSubscriptionContract(ctx);
    describeSharingContract(ctx);
  });
}
