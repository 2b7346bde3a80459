/** PII and prompt-injection detector extension point. */
package dev.rampart.contracts.guard;
