package dev.rampart.contracts.persistence;

import dev.rampart.contracts.Extension;

/**
 * A storage backend (embedded file store, PostgreSQL, in-memory, ...). One instance is bound to
 * the kernel by {@code persistence.use} in {@code config/rampart.yaml}.
 *
 * <p>Threading, errors and timeouts follow {@link Extension}: methods of the stores it returns
 * are called on an event loop, blocking I/O runs on workers. A write that cannot be completed
 * (disk full, folder not writable, connection lost) fails with
 * {@link dev.rampart.contracts.ErrorCode#STORAGE_UNAVAILABLE} and leaves the data as it was.
 */
public interface PersistenceAdapter extends Extension {

  /** Conversations and their messages. Same object on every call. */
  ConversationStore conversations();

  /**
   * The usage ledger. Same object on every call. The default fails every call with
   * {@code EXTENSION_UNAVAILABLE}, for adapters written before the ledger existed.
   */
  default UsageStore usage() {
    return UnsupportedUsageStore.INSTANCE;
  }
}
