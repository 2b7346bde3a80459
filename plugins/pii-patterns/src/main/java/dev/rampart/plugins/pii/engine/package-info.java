/**
 * The detection engine behind {@code pii-patterns}: one scanner per entity family, each a
 * hand-written linear pass (no backtracking regex over the whole text), with checksum
 * validation where the entity has one, context words that raise scores, a per-call work budget
 * and deterministic overlap resolution ({@link dev.rampart.contracts.guard.FindingResolver}).
 */
package dev.rampart.plugins.pii.engine;
