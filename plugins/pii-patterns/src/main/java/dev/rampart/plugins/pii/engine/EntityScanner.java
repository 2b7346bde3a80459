package dev.rampart.plugins.pii.engine;

import java.util.Set;

/**
 * One family of entities. Implementations are immutable and shared across threads; all per-call
 * state lives in the {@link ScanContext}. A scan must take time linear in the text's length and
 * charge its non-trivial work to the context's budget. Rather than walk the whole text, a family
 * visits the chunks of {@link ScanContext#chunks()} whose classes can hold its entities (see
 * {@link TextChunks} for why that finds the same).
 */
interface EntityScanner {

  /** The types this scanner can report. */
  Set<EntityType> types();

  /** Reports every candidate it finds in {@code ctx.text()} to {@code ctx}. */
  void scan(ScanContext ctx);
}
