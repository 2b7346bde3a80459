package dev.rampart.plugins.pii.engine;

import dev.rampart.contracts.guard.Finding;
import java.util.List;

/**
 * What one scan found, and what it cost.
 *
 * @param findings resolved findings (no two overlap, except prompt-injection spans), by start; or,
 *     from {@link DetectionEngine#scanUnresolved}, every candidate
 * @param stepsUsed work steps the scan charged to its budget
 * @param stepLimit the budget the scan was given
 * @param truncated true when the budget ran out or the text was longer than the engine scans, so
 *     part of the text was not examined by every scanner
 */
public record ScanResult(List<Finding> findings, long stepsUsed, long stepLimit, boolean truncated) {}
